package com.p4p.arrears.partition.worker;

import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Predicate;

import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.Step;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.batch.core.step.StepLocator;
import org.springframework.batch.integration.partition.StepExecutionRequest;

/**
 * Runs a partition request taken from the broker, unless it is stale. A request names a step
 * execution; it runs only when that execution is the latest of its partition, its night's job
 * execution is STARTED (not ended) and its manager is alive ({@link com.p4p.arrears.partition.NightManager}),
 * and the execution is either
 * STARTING (nobody took it yet) or STARTED by a worker that is gone: its execution did not change
 * (no chunk committed) for {@code takeoverAfter}, judged on this worker's clock. Anything else is
 * dropped (acknowledged, logged): requests left in the queue by a crashed night meet executions
 * that {@code restart} marked FAILED and replaced, and must do nothing (they once flipped FAILED
 * partitions to COMPLETED and posted every row twice).
 * <p>
 * A taken-over execution resumes from its last committed chunk (its execution context). If the old
 * worker was alive after all, its next chunk fails the execution's version check and rolls back.
 */
public class GuardedRequestHandler {

    /** What to do with a request. */
    enum Verdict { RUN, WAIT, DROP }

    private final JobRepository jobRepository;
    private final StepLocator steps;
    private final Predicate<JobExecution> managerRunning;
    private final WorkerLog workerLog;
    private final Duration takeoverAfter;
    private final Duration recheck;
    private final Set<StepExecution> running = ConcurrentHashMap.newKeySet();
    private volatile boolean stopping;

    public GuardedRequestHandler(JobRepository jobRepository, StepLocator steps, Predicate<JobExecution> managerRunning,
                                 WorkerLog workerLog, Duration takeoverAfter, Duration recheck) {
        this.jobRepository = jobRepository;
        this.steps = steps;
        this.managerRunning = managerRunning;
        this.workerLog = workerLog;
        this.takeoverAfter = takeoverAfter;
        this.recheck = recheck;
    }

    /** Called for each request from the queue; returning acknowledges it, throwing puts it back. */
    public void handle(StepExecutionRequest request) throws InterruptedException {
        refuseWhenStopping();
        StepExecution execution = jobRepository.getStepExecution(request.getStepExecutionId());
        Integer seenVersion = null;
        long seenSince = System.nanoTime();
        while (true) {
            Verdict verdict = verdict(execution);
            if (verdict == Verdict.DROP) {
                workerLog.dropped(request, execution, why(execution));
                return;
            }
            if (verdict == Verdict.RUN) {
                break;
            }
            // STARTED: its worker may be alive; take it over only when it stays unchanged long enough
            if (seenVersion == null || !seenVersion.equals(execution.getVersion())) {
                if (seenVersion == null) {
                    workerLog.waiting(execution, takeoverAfter);
                }
                seenVersion = execution.getVersion();
                seenSince = System.nanoTime();
            } else if (System.nanoTime() - seenSince >= takeoverAfter.toNanos()) {
                workerLog.takingOver(execution, takeoverAfter);
                break;
            }
            Thread.sleep(recheck.toMillis());
            refuseWhenStopping();
            execution = jobRepository.getStepExecution(request.getStepExecutionId());
        }
        run(request, execution);
    }

    /** The decision for one look at the execution; WAIT means STARTED, maybe by a live worker. */
    Verdict verdict(StepExecution execution) {
        if (execution == null) {
            return Verdict.DROP;
        }
        JobExecution job = execution.getJobExecution();
        if (job.getStatus() != BatchStatus.STARTED || job.getEndTime() != null) {
            return Verdict.DROP;
        }
        StepExecution latest = jobRepository.getLastStepExecution(job.getJobInstance(), execution.getStepName());
        if (latest == null || latest.getId() != execution.getId()) {
            return Verdict.DROP;
        }
        if (!managerRunning.test(job)) {
            return Verdict.DROP;
        }
        return switch (execution.getStatus()) {
            case STARTING -> Verdict.RUN;
            case STARTED -> Verdict.WAIT;
            default -> Verdict.DROP;
        };
    }

    private String why(StepExecution execution) {
        if (execution == null) {
            return "no such step execution in this database";
        }
        JobExecution job = execution.getJobExecution();
        if (job.getStatus() != BatchStatus.STARTED || job.getEndTime() != null) {
            return "its night's execution " + job.getId() + " is " + job.getStatus();
        }
        StepExecution latest = jobRepository.getLastStepExecution(job.getJobInstance(), execution.getStepName());
        if (latest == null || latest.getId() != execution.getId()) {
            return "a newer execution of the partition exists" + (latest == null ? "" : " (" + latest.getId() + ")");
        }
        if (!managerRunning.test(job)) {
            return "no manager is running the night (it was killed; restart recovers it)";
        }
        return "the partition is " + execution.getStatus();
    }

    private void run(StepExecutionRequest request, StepExecution execution) {
        Step step = steps.getStep(request.getStepName());
        workerLog.took(execution);
        jobRepository.updateExecutionContext(execution); // the worker's name, for status
        running.add(execution);
        long started = System.nanoTime();
        try {
            step.execute(execution);
        } catch (Throwable e) {
            // AbstractStep records its own failures; this is a failure to record one
            execution.addFailureException(e);
            execution.setStatus(BatchStatus.FAILED);
            try {
                jobRepository.update(execution);
            } catch (RuntimeException ignored) {
                // the manager fails the partition when it stays without progress
            }
        } finally {
            running.remove(execution);
        }
        workerLog.finished(execution, Duration.ofNanos(System.nanoTime() - started));
    }

    /** SIGTERM: take nothing new; running partitions stop after their current chunk (they end STOPPED). */
    public void stopRunning() {
        stopping = true;
        for (StepExecution execution : running) {
            execution.setTerminateOnly();
        }
    }

    private void refuseWhenStopping() {
        if (stopping) {
            throw new IllegalStateException("this worker is stopping: the request goes back to the queue");
        }
    }
}
