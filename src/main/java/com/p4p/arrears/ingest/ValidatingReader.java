package com.p4p.arrears.ingest;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.function.Function;

import org.springframework.batch.infrastructure.item.ExecutionContext;
import org.springframework.batch.infrastructure.item.ItemStreamException;
import org.springframework.batch.infrastructure.item.ItemStreamReader;

/**
 * Reads and validates an input file's rows ahead, on a thread of its own, while the step writes the
 * previous chunk: parsing and validation (the JVM's share of ingestion) overlap the database's share
 * instead of alternating with it. A bounded queue holds at most about a chunk's rows.
 * <p>
 * For the step it is the {@link InputRows} followed by the {@link RowValidator}, row for row: it
 * hands out every row's validation result in file order, and saves as its restart position the
 * position that the plain reader would have saved after the last row handed out (not the read-ahead
 * one), under the same key; a restart seeks there and reads ahead again.
 */
public class ValidatingReader<T> implements ItemStreamReader<Validated<T>> {

    private static final int BATCH = 256;
    private static final int DEFAULT_AHEAD = 16 * BATCH;

    private final InputRows rows;
    private final RowValidator<T> validator;
    private final Function<T, byte[]> preparer;
    private final int batchesAhead;
    private BlockingQueue<Object> queue;
    private Thread worker;
    private List<Item<T>> current = List.of();
    private int next;
    private InputRows.Position position;
    private boolean ended;

    private record Item<T>(Validated<T> value, InputRows.Position positionAfter) {
    }

    private record Failure(Throwable error) {
    }

    private static final Object END = new Object();

    public ValidatingReader(InputRows rows, RowValidator<T> validator) {
        this(rows, validator, DEFAULT_AHEAD, null);
    }

    /**
     * @param rowsAhead how many rows at most are read ahead; a step's chunk size, so that the next
     *                  chunk is ready when the writer has written the previous one (with fewer the
     *                  writer would wait for the rest of it, and reading would wait while it writes)
     * @param preparer  encodes each valid row the way the writer will write it, on this reader's thread
     *                  (so the writer only copies bytes); null: none
     */
    public ValidatingReader(InputRows rows, RowValidator<T> validator, int rowsAhead, Function<T, byte[]> preparer) {
        this.rows = rows;
        this.validator = validator;
        this.preparer = preparer;
        this.batchesAhead = Math.max(1, (rowsAhead + BATCH - 1) / BATCH);
    }

    @Override
    public void open(ExecutionContext context) {
        rows.open(context);
        position = rows.position();
        queue = new ArrayBlockingQueue<>(batchesAhead);
        worker = new Thread(this::readAhead, "read-ahead-" + Thread.currentThread().getName());
        worker.setDaemon(true);
        worker.start();
    }

    private void readAhead() {
        try {
            List<Item<T>> batch = new ArrayList<>(BATCH);
            InputRow row;
            while ((row = rows.read()) != null) {
                Validated<T> v = validator.process(row);
                if (preparer != null && v instanceof Validated.Valid<T> ok) {
                    v = new Validated.Valid<>(ok.row(), ok.lineNumber(), preparer.apply(ok.row()));
                }
                batch.add(new Item<>(v, rows.position()));
                if (batch.size() == BATCH) {
                    queue.put(batch);
                    batch = new ArrayList<>(BATCH);
                }
            }
            if (!batch.isEmpty()) {
                queue.put(batch);
            }
            queue.put(END);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt(); // closed: stop reading
        } catch (Throwable e) {
            try {
                queue.put(new Failure(e));
            } catch (InterruptedException stop) {
                Thread.currentThread().interrupt();
            }
        }
    }

    @Override
    @SuppressWarnings("unchecked")
    public Validated<T> read() throws Exception {
        while (next == current.size()) {
            if (ended) {
                return null;
            }
            Object o = queue.take();
            if (o == END) {
                ended = true;
                return null;
            }
            if (o instanceof Failure f) {
                ended = true;
                if (f.error() instanceof Exception e) {
                    throw e;
                }
                throw (Error) f.error();
            }
            current = (List<Item<T>>) o;
            next = 0;
        }
        Item<T> item = current.get(next++);
        position = item.positionAfter();
        return item.value();
    }

    @Override
    public void update(ExecutionContext context) {
        if (position != null) {
            position.saveIn(context);
        }
    }

    @Override
    public void close() {
        if (worker != null) {
            worker.interrupt();
            try {
                worker.join(10_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            worker = null;
        }
        rows.close();
    }
}
