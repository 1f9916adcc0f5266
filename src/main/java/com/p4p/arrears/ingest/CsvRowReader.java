package com.p4p.arrears.ingest;

import java.io.IOException;
import java.nio.file.Path;

import org.springframework.batch.infrastructure.item.ExecutionContext;
import org.springframework.batch.infrastructure.item.ItemStreamException;
import org.springframework.batch.infrastructure.item.ItemStreamReader;

/**
 * Reads the data rows of one input file (header and trailer excluded) for a chunk-oriented step.
 * It is an ItemStream: at every commit it saves the physical line of the next unread row, and a
 * restarted step seeks back to it, so no row is read twice or missed.
 */
public class CsvRowReader implements ItemStreamReader<InputRow> {

    static final String POSITION_KEY = "csv.next.line";

    private final Source source;
    private final Path file;
    private CsvRecordCursor cursor;
    private Header header;
    /** The record after the one last returned; the last record of the file is the trailer. */
    private CsvRecord lookahead;

    public CsvRowReader(Source source, Path file) {
        this.source = source;
        this.file = file;
    }

    /** A reader of a file that was not delivered (an optional one): it reads nothing. */
    public static CsvRowReader empty(Source source) {
        return new CsvRowReader(source, null);
    }

    @Override
    public void open(ExecutionContext context) {
        if (file == null) {
            return;
        }
        try {
            cursor = CsvRecordCursor.open(file);
            header = Header.of(source, cursor.next(), file.getFileName().toString());
            if (context.containsKey(POSITION_KEY)) {
                cursor.seek(context.getLong(POSITION_KEY));
            }
            lookahead = cursor.next();
        } catch (IOException e) {
            throw new ItemStreamException("cannot open " + file + ": " + e.getMessage(), e);
        }
    }

    @Override
    public InputRow read() throws IOException {
        CsvRecord current = lookahead;
        if (current == null || cursor == null) {
            return null;
        }
        lookahead = cursor.next();
        if (lookahead == null) {
            return null; // current is the trailer
        }
        return new InputRow(current, header);
    }

    @Override
    public void update(ExecutionContext context) {
        if (cursor == null) {
            return;
        }
        context.putLong(POSITION_KEY, position());
    }

    /** The physical line of the next unread row (what {@link #update} saves); -1 when reading nothing. */
    long position() {
        if (cursor == null) {
            return -1;
        }
        return lookahead == null ? cursor.position() : lookahead.lineNumber();
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
