package com.p4p.arrears.ingest;

import org.springframework.batch.infrastructure.item.ExecutionContext;
import org.springframework.batch.infrastructure.item.ItemStreamReader;

/**
 * The data rows a step reads from an input file, in line order, with the restart position after each
 * row: the line and byte offset of the next row to read. A restarted step reopens there.
 */
public interface InputRows extends ItemStreamReader<InputRow> {

    /** The key under which the next row's line is saved. */
    String POSITION_KEY = "csv.next.line";
    /** The key under which the next row's byte offset is saved (absent: seek by lines). */
    String BYTE_KEY = "csv.next.byte";

    @Override
    InputRow read() throws java.io.IOException;

    /** Where reading would go on after the rows read so far; null when reading nothing. */
    Position position();

    /** A restart position: the next row's line and where it starts (-1: not known, seek by lines). */
    record Position(long line, long byteOffset) {

        public void saveIn(ExecutionContext context) {
            context.putLong(POSITION_KEY, line);
            if (byteOffset >= 0) {
                context.putLong(BYTE_KEY, byteOffset);
            } else {
                context.remove(BYTE_KEY);
            }
        }
    }

    @Override
    default void update(ExecutionContext context) {
        Position p = position();
        if (p != null) {
            p.saveIn(context);
        }
    }
}
