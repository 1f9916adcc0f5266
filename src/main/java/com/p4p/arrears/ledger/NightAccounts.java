package com.p4p.arrears.ledger;

import java.time.LocalDate;
import java.util.function.Supplier;

import org.springframework.batch.core.scope.context.StepContext;
import org.springframework.batch.core.scope.context.StepSynchronizationManager;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The account directory of the night being posted: loaded once per night (business date and job
 * execution) and shared read-only by the night's posting partitions and by the day's sums, instead of
 * one per partition; another night, or another run of the same night, loads its own. Null when there
 * are more accounts than {@code pipeline.posting.account-directory-max}.
 */
final class NightAccounts {

    private record Loaded(LocalDate date, Long run, AccountDirectory directory) {
    }

    private final JdbcTemplate jdbc;
    private final Supplier<JdbcTemplate> streaming;
    private final long max;
    private volatile Loaded current;

    NightAccounts(JdbcTemplate jdbc, Supplier<JdbcTemplate> streaming, long max) {
        this.jdbc = jdbc;
        this.streaming = streaming;
        this.max = max;
    }

    /** @param run the job execution posting (null: unknown, always a fresh directory) */
    synchronized AccountDirectory of(LocalDate date, Long run) {
        Loaded cached = current;
        if (run != null && cached != null && cached.date().equals(date) && run.equals(cached.run())) {
            return cached.directory();
        }
        long accounts = jdbc.queryForObject("SELECT COUNT(*) FROM account", Long.class);
        AccountDirectory loaded = accounts > max ? null : load();
        current = new Loaded(date, run, loaded);
        return loaded;
    }

    /**
     * The directory loaded for this date, without asking the database (null: none); for the day's sums,
     * whose thread must never wait for a connection the posting threads hold (with 7 partitions on a pool
     * of 8 it waited 30 s and gave the sums up).
     */
    AccountDirectory loaded(LocalDate date) {
        Loaded cached = current;
        return cached != null && cached.date().equals(date) ? cached.directory() : null;
    }

    /**
     * Loads the calling night's directory unless it is there: before entries of the date are reported to
     * the day's sums (a release of suspense posts before the posting steps load theirs).
     */
    void ensure(LocalDate date) {
        Long run = currentRun();
        Loaded cached = current;
        if (cached == null || !cached.date().equals(date) || run == null || !run.equals(cached.run())) {
            of(date, run);
        }
    }

    /** The job execution of the step calling (null outside a step). */
    static Long currentRun() {
        StepContext step = StepSynchronizationManager.getContext();
        return step == null ? null : step.getStepExecution().getJobExecutionId();
    }

    private AccountDirectory load() {
        AccountDirectory directory = new AccountDirectory();
        // in id order (the primary key's: no sort), so that entry numbers follow it too
        streaming.get().query("SELECT account_id, currency FROM account ORDER BY account_id", rs -> {
            directory.add(rs.getString(1), rs.getString(2));
        });
        return directory;
    }
}
