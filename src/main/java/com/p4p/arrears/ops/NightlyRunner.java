package com.p4p.arrears.ops;

import java.time.LocalDate;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.parameters.JobParameters;
import org.springframework.batch.core.launch.JobExecutionAlreadyRunningException;
import org.springframework.batch.core.launch.JobInstanceAlreadyCompleteException;
import org.springframework.batch.core.launch.JobOperator;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import com.p4p.arrears.NightlyJobConfiguration;
import com.p4p.arrears.db.Databases;
import com.p4p.arrears.partition.NightPartitionHandler;
import com.p4p.arrears.partition.worker.BrokerCheck;

/**
 * Runs nights under the rules of SPEC 9: a run is identified by its business date, the first run
 * may start at any date, after that dates go one by one; a complete date, a date out of order or a
 * date running elsewhere is refused and nothing changes; a failed or stopped date is resumed from
 * its failed step, never started afresh. Only the process holding the {@link RunLock} runs a night,
 * so an execution left STARTED while nobody holds the lock was killed: it is recovered and resumed.
 */
@Component
public class NightlyRunner {

    private static final Log log = LogFactory.getLog(NightlyRunner.class);

    private final JobOperator jobOperator;
    private final JobRepository jobRepository;
    private final Job nightlyJob;
    private final RunLock runLock;

    private final JdbcTemplate jdbc;
    private final BrokerCheck brokerCheck;

    public NightlyRunner(JobOperator jobOperator, JobRepository jobRepository, Job nightlyJob, RunLock runLock,
                         JdbcTemplate jdbc, BrokerCheck brokerCheck) {
        this.brokerCheck = brokerCheck;
        this.jobOperator = jobOperator;
        this.jobRepository = jobRepository;
        this.nightlyJob = nightlyJob;
        this.runLock = runLock;
        this.jdbc = jdbc;
    }

    /** The state of a date's last execution. */
    public record Night(LocalDate date, long executionId, BatchStatus status) {
    }

    /** Runs a date; a date whose earlier run failed or stopped is resumed with its original parameters. */
    public JobExecution run(RunParameters params) throws Exception {
        try (RunLock.Held lock = acquire(params.businessDate())) {
            LocalDate date = params.businessDate();
            Map<LocalDate, Night> nights = nights();
            Night previous = nights.get(date);
            if (previous != null) {
                return resume(execution(previous));
            }
            Optional<LocalDate> lastComplete = lastCompleteDate(nights);
            if (lastComplete.isPresent() && !date.equals(lastComplete.get().plusDays(1))) {
                throw new RunRefusedException("refused " + date + ": out of order, the next date to run is "
                        + lastComplete.get().plusDays(1) + " (last complete: " + lastComplete.get() + ")");
            }
            for (Night night : nights.values()) {
                if (night.status() != BatchStatus.COMPLETED) {
                    throw new RunRefusedException("refused " + date + ": the night of " + night.date() + " is "
                            + night.status() + "; restart or abandon it first");
                }
            }
            JobParameters parameters = params.toJobParameters();
            checkWorkers(parameters);
            try {
                return jobOperator.start(nightlyJob, parameters);
            } catch (JobExecutionAlreadyRunningException | JobInstanceAlreadyCompleteException
                     | DataIntegrityViolationException e) {
                throw new RunRefusedException("refused " + date + ": " + e.getMessage());
            }
        }
    }

    /** Restarts a failed, stopped or killed date from its failed step, with the original run's parameters. */
    public JobExecution restart(LocalDate date) throws Exception {
        try (RunLock.Held lock = acquire(date)) {
            return resume(lastExecution(date));
        }
    }

    /**
     * Asks the run of a date to stop at its next chunk boundary (it ends STOPPED, restartable).
     * Works from any process: the running one sees the request in the job repository.
     */
    public JobExecution stop(LocalDate date) throws Exception {
        JobExecution execution = lastExecution(date);
        if (!execution.isRunning()) {
            throw new RunRefusedException("refused stop " + date + ": it is not running (" + execution.getStatus() + ")");
        }
        if (!runLock.isHeldElsewhere()) {
            throw new RunRefusedException("refused stop " + date + ": no process is running it (it was killed);"
                    + " restart it, or abandon it");
        }
        jobOperator.stop(execution);
        return jobRepository.getJobExecution(execution.getId());
    }

    /** Gives a failed, stopped or killed date up for good: it can never be restarted. */
    public JobExecution abandon(LocalDate date) throws Exception {
        try (RunLock.Held lock = acquire(date)) {
            JobExecution execution = lastExecution(date);
            if (execution.getStatus() == BatchStatus.COMPLETED) {
                throw new RunRefusedException("refused abandon " + date + ": it is complete");
            }
            if (execution.isRunning()) {
                execution = jobOperator.recover(execution);
            }
            return jobOperator.abandon(execution);
        }
    }

    private RunLock.Held acquire(LocalDate date) {
        RunLock.Held lock = runLock.tryAcquire();
        if (lock == null) {
            throw new RunRefusedException("refused " + date + ": a night or a lift is running in another process");
        }
        return lock;
    }

    /** The last execution of a date, in full (steps, context). */
    public JobExecution lastExecution(LocalDate date) {
        Night night = nights().get(date);
        if (night == null) {
            throw new RunRefusedException("refused " + date + ": this date was never run; use run");
        }
        return execution(night);
    }

    private JobExecution execution(Night night) {
        return jobRepository.getJobExecution(night.executionId());
    }

    /** Called with the run lock held. */
    private JobExecution resume(JobExecution previous) throws Exception {
        LocalDate date = previous.getJobParameters().getLocalDate(RunParameters.BUSINESS_DATE);
        switch (previous.getStatus()) {
            case COMPLETED -> throw new RunRefusedException("refused " + date + ": already complete");
            case ABANDONED -> throw new RunRefusedException("refused " + date + ": its run was abandoned");
            case STARTING, STARTED, STOPPING -> {
                // we hold the run lock, so no live process runs it: it was killed, or lost its database
                log.warn("the run of " + date + " (execution " + previous.getId() + ") was left " + previous.getStatus()
                        + " by a process that is gone; recovering it");
                previous = jobOperator.recover(previous);
            }
            default -> {
            }
        }
        checkWorkers(previous.getJobParameters());
        try {
            // launching the same identifying parameters again resumes the failed instance
            return jobOperator.start(nightlyJob, previous.getJobParameters());
        } catch (JobExecutionAlreadyRunningException | JobInstanceAlreadyCompleteException e) {
            throw new RunRefusedException("refused " + date + ": " + e.getMessage());
        }
    }

    /**
     * A night whose partitions go to workers needs the broker and a database the workers share: checked
     * before the job starts, so a wrong setting reads nothing and creates no execution (exit 2).
     */
    private void checkWorkers(JobParameters parameters) {
        if (!NightPartitionHandler.workers(parameters)) {
            return;
        }
        if (Databases.isH2(jdbc.getDataSource())) {
            throw new CommandLineArgs.UsageException("--workers needs a database the workers share: set"
                    + " SPRING_DATASOURCE_URL (MySQL/MariaDB); the embedded H2 database is one process's");
        }
        brokerCheck.check();
    }

    /**
     * The state of every date ever run, by date: one query, however long the history (the job
     * repository's API would load every execution with its steps).
     */
    public Map<LocalDate, Night> nights() {
        Map<LocalDate, Night> out = new TreeMap<>();
        jdbc.query("SELECT p.PARAMETER_VALUE, e.JOB_EXECUTION_ID, e.STATUS FROM BATCH_JOB_EXECUTION e"
                + " JOIN BATCH_JOB_INSTANCE i ON i.JOB_INSTANCE_ID = e.JOB_INSTANCE_ID"
                + " JOIN BATCH_JOB_EXECUTION_PARAMS p ON p.JOB_EXECUTION_ID = e.JOB_EXECUTION_ID"
                + " WHERE i.JOB_NAME = ? AND p.PARAMETER_NAME = ? AND e.JOB_EXECUTION_ID = (SELECT MAX(x.JOB_EXECUTION_ID)"
                + " FROM BATCH_JOB_EXECUTION x WHERE x.JOB_INSTANCE_ID = e.JOB_INSTANCE_ID)", rs -> {
                    LocalDate date = LocalDate.parse(rs.getString(1));
                    out.put(date, new Night(date, rs.getLong(2), BatchStatus.valueOf(rs.getString(3))));
                }, NightlyJobConfiguration.JOB_NAME, RunParameters.BUSINESS_DATE);
        return out;
    }

    /** Whether a process is running a night now (the run lock is taken). */
    public boolean isRunningSomewhere() {
        return runLock.isHeldElsewhere();
    }

    /** The last date whose night completed. */
    public static Optional<LocalDate> lastCompleteDate(Map<LocalDate, Night> nights) {
        return nights.values().stream().filter(n -> n.status() == BatchStatus.COMPLETED)
                .map(Night::date).max(LocalDate::compareTo);
    }
}
