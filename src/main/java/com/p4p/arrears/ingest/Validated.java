package com.p4p.arrears.ingest;

/** What validation made of one data row: a parsed row, or a reject with its reason. */
public sealed interface Validated<T> {

    long lineNumber();

    record Valid<T>(T row, long lineNumber) implements Validated<T> {
    }

    record Rejected<T>(long lineNumber, RejectReason reason, String raw) implements Validated<T> {
    }
}
