package com.p4p.arrears.report;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import com.opencsv.ICSVWriter;

import com.p4p.arrears.ingest.Source;

/**
 * Output files written in parts, one per partition of a range of accounts, and put together afterwards.
 * A part holds rows only (no header), encoded exactly as {@link AtomicCsvFile} encodes them, and is
 * written whole under a temporary name, so a rerun of its partition replaces it. Parts live in the hidden
 * folder {@code <output>/.parts/yyyyMMdd/}, outside the night's visible folder, until the night's last step
 * has checked its invariants; then each file is its header followed by its parts in range order, written
 * to a temporary name and moved into place, and the parts are deleted. Ranges are consecutive in account
 * order and every row's bytes depend on its row only, so the file is the same bytes however many parts.
 */
public final class PartFiles {

    private static final Pattern PART = Pattern.compile("(.+)\\.part-(\\d+)-of-(\\d+)");

    private final Path folder;

    /** The parts of the night of {@code date} under {@code outputRoot}. */
    public PartFiles(Path outputRoot, LocalDate date) {
        this.folder = outputRoot.resolve(".parts").resolve(Source.FILE_DATE.format(date));
    }

    /** A part being written: part {@code index} of {@code count} of {@code file} (e.g. account_status.csv). */
    public AtomicCsvFile part(String file, int index, int count) {
        return AtomicCsvFile.rowsOnly(folder.resolve(String.format("%s.part-%04d-of-%04d", file, index, count)));
    }

    /**
     * Writes {@code target} as {@code header} and then every part of its file in order; fails naming the
     * missing parts when they are not all there (e.g. deleted by hand), writing nothing.
     */
    public void assemble(Path target, String... header) {
        List<Path> parts = parts(target.getFileName().toString());
        Path temp = target.resolveSibling("." + target.getFileName() + ".part");
        try {
            Files.createDirectories(target.getParent());
            try (FileChannel out = FileChannel.open(temp, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                    StandardOpenOption.TRUNCATE_EXISTING)) {
                ByteBuffer head = ByteBuffer.wrap(headerLine(header));
                while (head.hasRemaining()) {
                    out.write(head);
                }
                for (Path part : parts) {
                    try (FileChannel in = FileChannel.open(part, StandardOpenOption.READ)) {
                        long size = in.size();
                        for (long done = 0; done < size; ) {
                            done += in.transferTo(done, size - done, out);
                        }
                    }
                }
            }
            Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            try {
                Files.deleteIfExists(temp);
            } catch (IOException ignored) {
                // already failing
            }
            throw new UncheckedIOException("cannot write " + target, e);
        }
    }

    /** Deletes the night's parts (after every file is in place). */
    public void delete() {
        try {
            if (Files.isDirectory(folder)) {
                try (Stream<Path> files = Files.list(folder)) {
                    for (Path f : (Iterable<Path>) files::iterator) {
                        Files.delete(f);
                    }
                }
                Files.delete(folder);
            }
            Path root = folder.getParent();
            try (Stream<Path> left = Files.list(root)) {
                if (left.findAny().isEmpty()) {
                    Files.delete(root);
                }
            }
        } catch (IOException e) {
            // leftovers are hidden and replaced by the next run of the date; not worth failing a finished night
        }
    }

    /** The parts of {@code file}, in order; all of them, of one split, or an exception naming what is missing. */
    List<Path> parts(String file) {
        List<Path> found = new ArrayList<>();
        int count = -1;
        if (Files.isDirectory(folder)) {
            try (Stream<Path> files = Files.list(folder)) {
                for (Path p : (Iterable<Path>) files::iterator) {
                    Matcher m = PART.matcher(p.getFileName().toString());
                    if (!m.matches() || !m.group(1).equals(file)) {
                        continue;
                    }
                    int of = Integer.parseInt(m.group(3));
                    if (count >= 0 && of != count) {
                        throw new IllegalStateException("parts of " + file + " from two different splits in " + folder
                                + " (of " + count + " and of " + of + ")");
                    }
                    count = of;
                    found.add(p);
                }
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read " + folder, e);
            }
        }
        found.sort(Comparator.comparing(p -> p.getFileName().toString()));
        if (count < 0 || found.size() != count) {
            throw new IllegalStateException("the parts of " + file + " are not all in " + folder + ": found "
                    + found.size() + (count < 0 ? "" : " of " + count)
                    + " (writeAccountFiles writes them; they are kept until writeOutputs has put them together)");
        }
        return found;
    }

    /** The header line as {@link AtomicCsvFile} writes it. */
    private static byte[] headerLine(String... header) {
        StringWriter s = new StringWriter();
        try (ICSVWriter csv = AtomicCsvFile.csvWriter(s)) {
            csv.writeNext(header, false);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return s.toString().getBytes(StandardCharsets.UTF_8);
    }

}
