package com.p4p.arrears.ops;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.JobInstance;
import org.springframework.batch.core.launch.JobExecutionAlreadyRunningException;
import org.springframework.batch.core.launch.JobInstanceAlreadyCompleteException;
import org.springframework.batch.core.launch.JobOperator;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.stereotype.Component;

import com.p4p.arrears.NightlyJobConfiguration;

/**
 * Launches nights under the rules of SPEC 9: a run is identified by its business date, the first
 * run may start at any date, after that dates go one by one; a complete date, a date out of order
 * or a date running elsewhere is refused; a failed date is resumed, never started afresh.
 */
@Component
public class NightlyRunner {

    private final JobOperator jobOperator;
    private final JobRepository jobRepository;
    private final Job nightlyJob;

    public NightlyRunner(JobOperator jobOperator, JobRepository jobRepository, Job nightlyJob) {
        this.jobOperator = jobOperator;
        this.jobRepository = jobRepository;
        this.nightlyJob = nightlyJob;
    }

    /** Runs a date; a date whose earlier run failed or stopped is resumed with its original parameters. */
    public JobExecution run(RunParameters params) throws Exception {
        LocalDate date = params.businessDate();
        Map<LocalDate, JobExecution> nights = lastExecutionByDate();
        JobExecution previous = nights.get(date);
        if (previous != null) {
            return resume(previous);
        }
        Optional<LocalDate> lastComplete = lastCompleteDate(nights);
        if (lastComplete.isPresent() && !date.equals(lastComplete.get().plusDays(1))) {
            throw new RunRefusedException("refused " + date + ": out of order, the next date to run is "
                    + lastComplete.get().plusDays(1) + " (last complete: " + lastComplete.get() + ")");
        }
        for (Map.Entry<LocalDate, JobExecution> e : nights.entrySet()) {
            if (e.getValue().getStatus() != BatchStatus.COMPLETED) {
                throw new RunRefusedException("refused " + date + ": the night of " + e.getKey() + " is "
                        + e.getValue().getStatus() + "; restart or abandon it first");
            }
        }
        try {
            return jobOperator.start(nightlyJob, params.toJobParameters());
        } catch (JobExecutionAlreadyRunningException | JobInstanceAlreadyCompleteException
                 | DataIntegrityViolationException e) {
            // another process created the same night a moment ago
            throw new RunRefusedException("refused " + date + ": " + e.getMessage());
        }
    }

    /** Restarts a failed or stopped date from its failed step, with the original run's parameters. */
    public JobExecution restart(LocalDate date) throws Exception {
        JobExecution previous = lastExecutionByDate().get(date);
        if (previous == null) {
            throw new RunRefusedException("refused " + date + ": this date was never run; use run");
        }
        return resume(previous);
    }

    private JobExecution resume(JobExecution previous) throws Exception {
        LocalDate date = dateOf(previous.getJobInstance(), previous);
        switch (previous.getStatus()) {
            case COMPLETED -> throw new RunRefusedException("refused " + date + ": already complete");
            case STARTING, STARTED, STOPPING -> throw new RunRefusedException("refused " + date
                    + ": a run of this date is in progress (execution " + previous.getId() + ", "
                    + previous.getStatus() + ")");
            case ABANDONED -> throw new RunRefusedException("refused " + date + ": its run was abandoned");
            default -> {
                try {
                    return jobOperator.restart(previous);
                } catch (RuntimeException e) {
                    if (e.getCause() instanceof JobExecutionAlreadyRunningException) {
                        throw new RunRefusedException("refused " + date + ": " + e.getCause().getMessage());
                    }
                    throw e;
                }
            }
        }
    }

    /** The last execution of every date ever run, by date. */
    public Map<LocalDate, JobExecution> lastExecutionByDate() {
        Map<LocalDate, JobExecution> out = new TreeMap<>();
        List<JobInstance> instances = jobRepository.findJobInstances(NightlyJobConfiguration.JOB_NAME);
        for (JobInstance instance : instances) {
            JobExecution last = jobRepository.getLastJobExecution(instance);
            if (last != null) {
                out.put(dateOf(instance, last), last);
            }
        }
        return out;
    }

    private static Optional<LocalDate> lastCompleteDate(Map<LocalDate, JobExecution> nights) {
        return nights.entrySet().stream().filter(e -> e.getValue().getStatus() == BatchStatus.COMPLETED)
                .map(Map.Entry::getKey).max(LocalDate::compareTo);
    }

    private static LocalDate dateOf(JobInstance instance, JobExecution execution) {
        return execution.getJobParameters().getLocalDate(RunParameters.BUSINESS_DATE);
    }
}
