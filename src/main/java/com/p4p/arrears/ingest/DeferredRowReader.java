package com.p4p.arrears.ingest;

import java.io.IOException;
import java.nio.file.Path;

import org.springframework.batch.infrastructure.item.ExecutionContext;
import org.springframework.batch.infrastructure.item.ItemStreamException;

/**
 * Reads the deferred rows of an input file (those that depend on an earlier row of it, found by
 * {@link DeliveryScan}), in line order, each from its byte offset: a few rows spread over the file, so
 * rows close together are reached by reading on, others by opening the file at their offset. Saves as
 * its restart position the next deferred row's line; a restart reads the deferred rows from there.
 */
public class DeferredRowReader implements InputRows {

    /** Closer than this many lines, reading on is cheaper than opening the file again. */
    private static final long READ_ON_LINES = 256;

    private final Source source;
    private final Path file;
    private final long[] lines;
    private final long[] bytes;
    private Header header;
    private CsvRecordCursor cursor;
    private int next;
    private boolean open;

    /** @param lines the deferred rows' lines, ascending; {@code bytes} their byte offsets */
    public DeferredRowReader(Source source, Path file, long[] lines, long[] bytes) {
        this.source = source;
        this.file = file;
        this.lines = lines;
        this.bytes = bytes;
    }

    @Override
    public void open(ExecutionContext context) {
        if (file == null || lines.length == 0) {
            return;
        }
        try (CsvRecordCursor headerCursor = CsvRecordCursor.open(file)) {
            header = Header.of(source, headerCursor.next(), file.getFileName().toString());
        } catch (IOException e) {
            throw new ItemStreamException("cannot open " + file + ": " + e.getMessage(), e);
        }
        if (context.containsKey(POSITION_KEY)) {
            long from = context.getLong(POSITION_KEY);
            while (next < lines.length && lines[next] < from) {
                next++;
            }
        }
        open = true;
    }

    @Override
    public InputRow read() throws IOException {
        if (!open || next == lines.length) {
            return null;
        }
        long line = lines[next];
        if (cursor == null || cursor.position() > line || line - cursor.position() > READ_ON_LINES) {
            closeCursor();
            cursor = CsvRecordCursor.open(file, bytes[next], line);
        }
        CsvRecord r = cursor.next();
        while (r != null && r.lineNumber() < line) {
            r = cursor.next();
        }
        if (r == null || r.lineNumber() != line) {
            throw new IllegalStateException(file.getFileName() + ": no row starts on line " + line
                    + " any more: the file changed after it was verified");
        }
        next++;
        return new InputRow(r, header);
    }

    @Override
    public Position position() {
        if (!open) {
            return null;
        }
        return next < lines.length ? new Position(lines[next], bytes[next]) : new Position(Long.MAX_VALUE, -1);
    }

    @Override
    public void close() {
        closeCursor();
        open = false;
    }

    private void closeCursor() {
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
