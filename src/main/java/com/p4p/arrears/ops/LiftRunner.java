package com.p4p.arrears.ops;

import java.sql.Date;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.launch.JobExecutionAlreadyRunningException;
import org.springframework.batch.core.launch.JobInstanceAlreadyCompleteException;
import org.springframework.batch.core.launch.JobOperator;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import com.p4p.arrears.LiftJobConfiguration;

/**
 * Runs lifts under the rules of SPEC 13: only a file of the open business date (the day after the last
 * completed night, so there must be one), only while no night and no other lift runs (the same
 * {@link RunLock}), never a file already lifted; a failed lift of the same file is resumed. A lift
 * left STARTED by a killed process is recovered first, as a night is.
 */
@Component
public class LiftRunner {

    private static final Log log = LogFactory.getLog(LiftRunner.class);

    private final JobOperator jobOperator;
    private final JobRepository jobRepository;
    private final Job liftJob;
    private final RunLock runLock;
    private final NightlyRunner nights;
    private final JdbcTemplate jdbc;

    public LiftRunner(JobOperator jobOperator, JobRepository jobRepository, @Qualifier("liftJob") Job liftJob,
                      RunLock runLock, NightlyRunner nights, JdbcTemplate jdbc) {
        this.jobOperator = jobOperator;
        this.jobRepository = jobRepository;
        this.liftJob = liftJob;
        this.runLock = runLock;
        this.nights = nights;
        this.jdbc = jdbc;
    }

    /** One lift of a date, as the job repository knows it. */
    public record Lift(LocalDate date, String fileTime, long executionId, BatchStatus status, String file) {
    }

    public JobExecution lift(LiftParameters params) throws Exception {
        LocalDate date = params.businessDate();
        String what = "refused lift of " + params.file().getFileName();
        try (RunLock.Held lock = runLock.tryAcquire()) {
            if (lock == null) {
                throw new RunRefusedException(what + ": a night or another lift is running");
            }
            Optional<LocalDate> lastComplete = NightlyRunner.lastCompleteDate(nights.nights());
            if (lastComplete.isEmpty()) {
                throw new RunRefusedException(what + ": no night has completed yet, so there is no open business date");
            }
            LocalDate open = lastComplete.get().plusDays(1);
            if (!date.equals(open)) {
                throw new RunRefusedException(what + ": it is of " + date + " but the open business date is " + open);
            }
            Integer closed = jdbc.queryForObject("SELECT COUNT(*) FROM ledger_day WHERE business_date = ?",
                    Integer.class, Date.valueOf(date));
            if (closed > 0) {
                // its entries would miss the account totals: the night has already closed the date's ledger
                throw new RunRefusedException(what + ": the night of " + date + " has already closed its ledger;"
                        + " finish that night (restart --date " + date + ")");
            }
            Lift previous = lifts(date).stream().filter(l -> l.fileTime().equals(params.fileTime())).findFirst()
                    .orElse(null);
            JobExecution execution;
            if (previous == null) {
                execution = start(what, params);
            } else {
                execution = resume(what, jobRepository.getJobExecution(previous.executionId()));
            }
            return execution;
        }
    }

    private JobExecution start(String what, LiftParameters params) throws Exception {
        try {
            return jobOperator.start(liftJob, params.toJobParameters());
        } catch (JobExecutionAlreadyRunningException | JobInstanceAlreadyCompleteException
                 | DataIntegrityViolationException e) {
            throw new RunRefusedException(what + ": " + e.getMessage());
        }
    }

    /** Called with the run lock held. */
    private JobExecution resume(String what, JobExecution previous) throws Exception {
        switch (previous.getStatus()) {
            case COMPLETED -> throw new RunRefusedException(what + ": already lifted (execution " + previous.getId() + ")");
            case ABANDONED -> throw new RunRefusedException(what + ": its lift was abandoned");
            case STARTING, STARTED, STOPPING -> {
                log.warn("the lift of " + previous.getJobParameters().getString(LiftParameters.FILE) + " (execution "
                        + previous.getId() + ") was left " + previous.getStatus() + " by a process that is gone; recovering it");
                previous = jobOperator.recover(previous);
            }
            default -> {
            }
        }
        try {
            // the original parameters: the same file and output folder as the lift that failed
            return jobOperator.start(liftJob, previous.getJobParameters());
        } catch (JobExecutionAlreadyRunningException | JobInstanceAlreadyCompleteException e) {
            throw new RunRefusedException(what + ": " + e.getMessage());
        }
    }

    /** The lifts of a date (each file's last execution), in the order they were first run. */
    public List<Lift> lifts(LocalDate date) {
        List<Lift> out = new ArrayList<>();
        jdbc.query("SELECT t.PARAMETER_VALUE, e.JOB_EXECUTION_ID, e.STATUS, f.PARAMETER_VALUE FROM BATCH_JOB_EXECUTION e"
                + " JOIN BATCH_JOB_INSTANCE i ON i.JOB_INSTANCE_ID = e.JOB_INSTANCE_ID"
                + " JOIN BATCH_JOB_EXECUTION_PARAMS d ON d.JOB_EXECUTION_ID = e.JOB_EXECUTION_ID"
                + " JOIN BATCH_JOB_EXECUTION_PARAMS t ON t.JOB_EXECUTION_ID = e.JOB_EXECUTION_ID"
                + " JOIN BATCH_JOB_EXECUTION_PARAMS f ON f.JOB_EXECUTION_ID = e.JOB_EXECUTION_ID"
                + " WHERE i.JOB_NAME = ? AND d.PARAMETER_NAME = ? AND d.PARAMETER_VALUE = ? AND t.PARAMETER_NAME = ?"
                + " AND f.PARAMETER_NAME = ? AND e.JOB_EXECUTION_ID = (SELECT MAX(x.JOB_EXECUTION_ID)"
                + " FROM BATCH_JOB_EXECUTION x WHERE x.JOB_INSTANCE_ID = e.JOB_INSTANCE_ID) ORDER BY i.JOB_INSTANCE_ID",
                rs -> {
                    out.add(new Lift(date, rs.getString(1), rs.getLong(2), BatchStatus.valueOf(rs.getString(3)),
                            rs.getString(4)));
                }, LiftJobConfiguration.JOB_NAME, RunParameters.BUSINESS_DATE, date.toString(), LiftParameters.FILE_TIME,
                LiftParameters.FILE);
        return out;
    }

    /** The open business date: the day after the last completed night; empty before the first. */
    public Optional<LocalDate> openDate() {
        return NightlyRunner.lastCompleteDate(nights.nights()).map(d -> d.plusDays(1));
    }
}
