package com.p4p.arrears.report;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/** A whole text file written under a temporary name and renamed into place, like {@link AtomicCsvFile}. */
public final class AtomicTextFile {

    private AtomicTextFile() {
    }

    public static void write(Path target, String content) {
        Path temp = target.resolveSibling("." + target.getFileName() + ".part");
        try {
            Files.createDirectories(target.getParent());
            Files.writeString(temp, content, StandardCharsets.UTF_8);
            Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            try {
                Files.deleteIfExists(temp);
            } catch (IOException ignored) {
                // already failing: the original error matters more
            }
            throw new UncheckedIOException("cannot write " + target, e);
        }
    }
}
