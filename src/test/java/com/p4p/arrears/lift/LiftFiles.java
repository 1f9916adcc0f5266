package com.p4p.arrears.lift;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;

import com.p4p.arrears.support.NightFiles;

/** Writes an intraday payments file {@code payments_yyyyMMdd_HHmmss.csv} (header, rows, trailer). */
final class LiftFiles {

    private LiftFiles() {
    }

    static Path write(Path dir, LocalDate date, String time, String... rows) {
        try {
            Path scratch = Files.createTempDirectory(dir, "lift");
            Path plain = new NightFiles(scratch, date).payments(rows).file("payments");
            Path file = dir.resolve("payments_" + date.format(DateTimeFormatter.BASIC_ISO_DATE) + "_" + time + ".csv");
            Files.move(plain, file, StandardCopyOption.REPLACE_EXISTING);
            Files.delete(scratch);
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
