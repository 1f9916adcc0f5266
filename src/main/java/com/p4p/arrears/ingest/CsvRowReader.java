package com.p4p.arrears.ingest;

import java.io.IOException;
import java.nio.file.Path;

import org.springframework.batch.infrastructure.item.ExecutionContext;
import org.springframework.batch.infrastructure.item.ItemStreamException;

/**
 * Reads the data rows of one input file (header and trailer excluded) for a chunk-oriented step: all
 * of them, or those of a {@link LineRange} (a partition's). It is an ItemStream: at every commit it
 * saves the line and byte offset of the next unread row, and a restarted step reopens there, so no row
 * is read twice or missed.
 */
public class CsvRowReader implements InputRows {

    private final Source source;
    private final Path file;
    /** null: the whole file, up to its last record (the trailer). */
    private final LineRange range;
    private CsvRecordCursor cursor;
    private Header header;
    /** The record after the one last returned (the whole file: the last record is the trailer). */
    private CsvRecord lookahead;
    private int nextDeferred;

    public CsvRowReader(Source source, Path file) {
        this(source, file, null);
    }

    /** A partition's rows: those of the range, deferred ones left out. */
    public CsvRowReader(Source source, Path file, LineRange range) {
        this.source = source;
        this.file = file;
        this.range = range;
    }

    /** A reader of a file that was not delivered (an optional one): it reads nothing. */
    public static CsvRowReader empty(Source source) {
        return new CsvRowReader(source, null);
    }

    @Override
    public void open(ExecutionContext context) {
        if (file == null || range != null && range.empty()) {
            return;
        }
        try {
            cursor = CsvRecordCursor.open(file);
            header = Header.of(source, cursor.next(), file.getFileName().toString());
            if (context.containsKey(BYTE_KEY)) {
                reopen(context.getLong(BYTE_KEY), context.getLong(POSITION_KEY));
            } else {
                if (range != null) {
                    reopen(range.fromByte(), range.fromLine());
                }
                if (context.containsKey(POSITION_KEY)) {
                    cursor.seek(context.getLong(POSITION_KEY)); // saved by an older reader: lines only
                }
            }
            lookahead = nextInRange();
        } catch (IOException e) {
            throw new ItemStreamException("cannot open " + file + ": " + e.getMessage(), e);
        }
    }

    private void reopen(long byteOffset, long line) throws IOException {
        cursor.close();
        cursor = null;
        cursor = CsvRecordCursor.open(file, byteOffset, line);
    }

    /** The next record to hand out or (whole file) the trailer; null past the range. */
    private CsvRecord nextInRange() throws IOException {
        if (range == null) {
            return cursor.next();
        }
        long[] deferred = range.deferredLines();
        for (CsvRecord r = cursor.next(); r != null && r.lineNumber() < range.toLine(); r = cursor.next()) {
            while (nextDeferred < deferred.length && deferred[nextDeferred] < r.lineNumber()) {
                nextDeferred++;
            }
            if (nextDeferred < deferred.length && deferred[nextDeferred] == r.lineNumber()) {
                continue; // decided after the partitions
            }
            return r;
        }
        return null;
    }

    @Override
    public InputRow read() throws IOException {
        CsvRecord current = lookahead;
        if (current == null || cursor == null) {
            return null;
        }
        lookahead = nextInRange();
        if (range == null && lookahead == null) {
            return null; // current is the trailer
        }
        return new InputRow(current, header);
    }

    /** The line (and byte) of the next unread row (what {@link #update} saves); null when reading nothing. */
    @Override
    public Position position() {
        if (cursor == null) {
            return null;
        }
        if (lookahead != null) {
            return new Position(lookahead.lineNumber(), lookahead.byteOffset());
        }
        return range != null ? new Position(range.toLine(), -1) : new Position(cursor.position(), -1);
    }

    @Override
    public void close() {
        if (cursor != null) {
            try {
                cursor.close();
            } catch (IOException e) {
                throw new ItemStreamException("cannot close " + file, e);
            } finally {
                cursor = null;
            }
        }
    }
}
