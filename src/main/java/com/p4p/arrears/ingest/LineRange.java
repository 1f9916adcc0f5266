package com.p4p.arrears.ingest;

/**
 * Data rows of an input file that one partition posts: the records starting on lines
 * {@code [fromLine, toLine)}, read from byte {@code fromByte} (where line fromLine starts), except the
 * deferred ones (decided after the partitions, in line order). An empty range reads nothing.
 *
 * @param deferredLines the deferred rows' lines within the range, ascending
 */
public record LineRange(long fromLine, long fromByte, long toLine, long[] deferredLines) {

    public boolean empty() {
        return fromLine >= toLine;
    }
}
