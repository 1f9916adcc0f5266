package com.p4p.arrears.ingest;

import java.util.ArrayList;
import java.util.List;

/** What validation made of one data row: a parsed row, or a reject with its reason. */
public sealed interface Validated<T> {

    long lineNumber();

    /**
     * @param prepared the row already encoded the way it will be written (for the ledger: its LOAD DATA
     *                 line), done ahead on the reading thread; null when not prepared
     */
    record Valid<T>(T row, long lineNumber, byte[] prepared) implements Validated<T> {

        public Valid(T row, long lineNumber) {
            this(row, lineNumber, null);
        }
    }

    record Rejected<T>(long lineNumber, RejectReason reason, String raw) implements Validated<T> {
    }

    /** A chunk's results apart: the valid rows and the rejects, each in chunk order (both lists mutable). */
    record Split<T>(List<T> valid, List<Rejected<?>> rejects) {
    }

    static <T> Split<T> split(Iterable<? extends Validated<T>> results) {
        Split<T> split = new Split<>(new ArrayList<>(), new ArrayList<>());
        for (Validated<T> v : results) {
            if (v instanceof Rejected<T> r) {
                split.rejects().add(r);
            } else if (v instanceof Valid<T> ok) {
                split.valid().add(ok.row());
            }
        }
        return split;
    }
}
