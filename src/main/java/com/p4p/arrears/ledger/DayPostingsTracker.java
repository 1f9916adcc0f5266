package com.p4p.arrears.ledger;

import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;

import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

import com.p4p.arrears.ingest.LedgerItem;

/**
 * Keeps this process's {@link DayPostings} of the business date being posted: every ledger insert
 * reports its entries and the ledger's highest entry id before it, and they are added once the chunk's
 * transaction has committed (a chunk rolled back adds nothing), from any number of partitions' threads.
 * The close takes the sums only if they hold as many entries as the ledger has since the previous close
 * ({@link DayPostings#covers}); after a restart in a new process, or with an entry from anywhere else,
 * they do not, and the close sums the entries in the database.
 * <p>
 * The adding runs on a thread of its own, in commit order (a bounded queue: a chunk's writer waits only
 * if it is several chunks behind), so that it overlaps the database's work instead of adding to the
 * writer's; {@link #sumsOf} waits until everything committed before it has been added.
 */
public class DayPostingsTracker {

    private static final int QUEUED_CHUNKS = 8;
    static final Duration WAIT = Duration.ofMinutes(2);

    private final BlockingQueue<Runnable> queue = new ArrayBlockingQueue<>(QUEUED_CHUNKS);
    private final Function<LocalDate, AccountDirectory> directory;
    private Thread worker;
    /** Only the worker thread touches it. */
    private DayPostings current;

    /**
     * @param directory every account of a date being posted (null when there are too many to hold, or not
     *                  loaded): asked once per date, on the tracker's thread, so it must not wait on the database
     */
    public DayPostingsTracker(Function<LocalDate, AccountDirectory> directory) {
        this.directory = directory;
    }

    /**
     * Entries inserted in the current transaction with this posted date; added when it commits.
     *
     * @param afterId the ledger's highest entry id before the insert
     */
    public void inserted(LocalDate postedDate, List<LedgerItem> entries, long afterId) {
        if (entries.isEmpty()) {
            return;
        }
        if (!TransactionSynchronizationManager.isSynchronizationActive()) {
            insertedUntracked(postedDate); // cannot tell whether they will commit
            return;
        }
        TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
            @Override
            public void afterCommit() {
                submit(() -> day(postedDate).add(entries, afterId));
            }
        });
    }

    /** Entries inserted without their id range: the date's sums cannot be trusted. */
    public void insertedUntracked(LocalDate postedDate) {
        submit(() -> {
            if (current == null || !current.businessDate().equals(postedDate)) {
                current = new DayPostings(postedDate, null); // unusable from the start, nothing to load
            }
            current.giveUp();
        });
    }

    /**
     * The sums of this date's postings seen by this process (possibly unusable or incomplete), or null:
     * also when they are not ready within {@link #WAIT} (the queue holds a few chunks' work, seconds at
     * most), so that the close then sums the entries rather than wait on a thread that went wrong.
     */
    public DayPostings sumsOf(LocalDate date) {
        CompletableFuture<DayPostings> sums = new CompletableFuture<>();
        submit(() -> sums.complete(current != null && current.businessDate().equals(date) ? current : null));
        try {
            return sums.get(WAIT.toSeconds(), TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted waiting for the day's posting sums", e);
        } catch (ExecutionException | TimeoutException e) {
            return null;
        }
    }

    /** Forgets the date's sums (its ledger day is closed). */
    public void closed(LocalDate date) {
        submit(() -> {
            if (current != null && current.businessDate().equals(date)) {
                current = null;
            }
        });
    }

    private DayPostings day(LocalDate date) {
        if (current == null || !current.businessDate().equals(date)) {
            // only one date is posted at a time, after its accounts step: the account table stays as it is
            current = new DayPostings(date, directory.apply(date));
        }
        return current;
    }

    private void submit(Runnable task) {
        ensureWorker();
        try {
            queue.put(task);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted handing over the day's posting sums", e);
        }
    }

    private synchronized void ensureWorker() {
        if (worker == null || !worker.isAlive()) { // a worker that ended leaves its queue to the next
            worker = new Thread(this::work, "day-postings");
            worker.setDaemon(true);
            worker.start();
        }
    }

    private void work() {
        while (true) {
            Runnable task;
            try {
                task = queue.take();
            } catch (InterruptedException e) {
                return;
            }
            try {
                task.run();
            } catch (RuntimeException | Error e) {
                if (current != null) {
                    current.giveUp(); // never wrong sums: the close sums the entries instead
                }
            }
        }
    }
}
