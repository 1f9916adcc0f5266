package com.p4p.arrears.ops;

import java.time.Duration;
import java.time.LocalDateTime;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.listener.JobExecutionListener;
import org.springframework.batch.core.step.StepExecution;

import com.p4p.arrears.db.BulkPathListener;

/** At the end of a night, one screen: each step's status, rows read and written, and time taken. */
public class RunSummaryListener implements JobExecutionListener {

    private static final Log log = LogFactory.getLog("summary");

    @Override
    public void afterJob(JobExecution job) {
        StringBuilder s = new StringBuilder();
        s.append(String.format("%nnight %s: %s%n", job.getJobParameters().getParameter(RunParameters.BUSINESS_DATE).value(),
                job.getStatus()));
        String bulkPath = BulkPathListener.recorded(job);
        if (bulkPath != null) {
            s.append(String.format("  bulk writes: %s%n", bulkPath));
        }
        s.append(String.format("  %-20s %-10s %12s %12s %10s %14s%n", "step", "status", "read", "written", "seconds",
                "heap MB peak"));
        for (StepExecution step : job.getStepExecutions()) {
            long[] heap = StepMetrics.heapMb(step);
            s.append(String.format("  %-20s %-10s %12d %12d %10.1f %14s%n", step.getStepName(), step.getStatus(),
                    step.getReadCount(), step.getWriteCount(), seconds(step.getStartTime(), step.getEndTime()),
                    heap == null ? "-" : Long.toString(heap[0])));
        }
        job.getAllFailureExceptions().forEach(e -> s.append("  failure: ").append(rootMessage(e)).append('\n'));
        log.info(s.toString());
    }

    static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        return t == e ? String.valueOf(e.getMessage()) : e.getMessage() + " (cause: " + t.getMessage() + ")";
    }

    private static double seconds(LocalDateTime start, LocalDateTime end) {
        if (start == null) {
            return 0;
        }
        return Duration.between(start, end == null ? LocalDateTime.now() : end).toMillis() / 1000.0;
    }
}
