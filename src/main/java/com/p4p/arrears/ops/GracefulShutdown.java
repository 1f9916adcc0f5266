package com.p4p.arrears.ops;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.launch.JobOperator;
import org.springframework.batch.core.listener.JobExecutionListener;
import org.springframework.stereotype.Component;

/**
 * SIGTERM (a scheduler's kill, a node drain) stops the running night at its next chunk boundary:
 * the run ends STOPPED and `restart` resumes it. The JVM's shutdown hook asks the job to stop, waits
 * for the command line to finish, and exits with its code. Spring's own shutdown hook is off for the
 * command line, or it would close the database under the running step.
 */
@Component
public class GracefulShutdown implements JobExecutionListener {

    private static final Log log = LogFactory.getLog("shutdown");

    private final JobOperator jobOperator;
    private final AtomicReference<JobExecution> running = new AtomicReference<>();
    private final CountDownLatch finished = new CountDownLatch(1);
    private final AtomicInteger exitCode = new AtomicInteger(ExitCode.FAILED.code);

    public GracefulShutdown(JobOperator jobOperator) {
        this.jobOperator = jobOperator;
    }

    @Override
    public void beforeJob(JobExecution jobExecution) {
        running.set(jobExecution);
    }

    @Override
    public void afterJob(JobExecution jobExecution) {
        running.compareAndSet(jobExecution, null);
    }

    /** Installs the JVM shutdown hook (the command line does, once). */
    public void install(long graceSeconds) {
        Runtime.getRuntime().addShutdownHook(new Thread(() -> onSignal(graceSeconds), "graceful-shutdown"));
    }

    /** The command line is done: the hook may let the JVM exit with this code. */
    public void finished(int code) {
        exitCode.set(code);
        finished.countDown();
    }

    private void onSignal(long graceSeconds) {
        if (finished.getCount() == 0) {
            return; // a normal exit
        }
        JobExecution execution = running.get();
        if (execution != null) {
            log.warn("shutdown signal: stopping the night of execution " + execution.getId()
                    + " at its next chunk boundary (restart resumes it)");
            try {
                jobOperator.stop(execution);
            } catch (Exception e) {
                log.warn("could not request the stop: " + e.getMessage());
            }
        }
        try {
            if (!finished.await(graceSeconds, TimeUnit.SECONDS)) {
                log.warn("the run did not stop within " + graceSeconds + "s; exiting anyway (restart recovers it)");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        Runtime.getRuntime().halt(exitCode.get());
    }
}
