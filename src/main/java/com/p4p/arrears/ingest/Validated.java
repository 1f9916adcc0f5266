package com.p4p.arrears.ingest;

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
}
