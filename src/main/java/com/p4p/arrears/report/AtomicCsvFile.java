package com.p4p.arrears.report;

import java.io.BufferedWriter;
import java.io.Closeable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

import com.opencsv.CSVWriterBuilder;
import com.opencsv.ICSVWriter;

/**
 * An output CSV written under a temporary name and moved into place on {@link #commit()}, so a
 * reader never sees a half-written file (SPEC 8). UTF-8, LF line ends, quotes only where needed.
 */
public final class AtomicCsvFile implements Closeable {

    private final Path target;
    private final Path temp;
    private final ICSVWriter csv;
    private long rows;
    private boolean committed;

    public AtomicCsvFile(Path target, String... header) {
        this(target);
        csv.writeNext(header, false);
    }

    private AtomicCsvFile(Path target) {
        this.target = target;
        this.temp = target.resolveSibling("." + target.getFileName() + ".part");
        try {
            Files.createDirectories(target.getParent());
            BufferedWriter out = Files.newBufferedWriter(temp, StandardCharsets.UTF_8);
            this.csv = csvWriter(out);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + target, e);
        }
    }

    /** Rows without a header: a part of a file that {@link PartFiles} puts together. */
    static AtomicCsvFile rowsOnly(Path target) {
        return new AtomicCsvFile(target);
    }

    /** How every output CSV is encoded. */
    static ICSVWriter csvWriter(Writer out) {
        return new CSVWriterBuilder(out).withLineEnd("\n").build();
    }

    public void row(String... values) {
        csv.writeNext(values, false);
        rows++;
    }

    public long rows() {
        return rows;
    }

    public void commit() {
        try {
            csv.close();
            Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            committed = true;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + target, e);
        }
    }

    @Override
    public void close() {
        if (!committed) {
            try {
                csv.close();
                Files.deleteIfExists(temp);
            } catch (IOException e) {
                // already failing: the original error matters more
            }
        }
    }
}
