package com.p4p.arrears.db;

import javax.sql.DataSource;

import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.listener.JobExecutionListener;

/**
 * Before anything of a night is read: decides the run's {@link BulkPath} (logging it once) and records
 * it in the job execution's context under {@link BulkPath#CONTEXT_KEY}, for the run summary, {@code status}
 * and the night's metrics. A restart decides again: the server's setting may have changed meanwhile.
 */
public class BulkPathListener implements JobExecutionListener {

    private final DataSource dataSource;

    public BulkPathListener(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    @Override
    public void beforeJob(JobExecution job) {
        job.getExecutionContext().putString(BulkPath.CONTEXT_KEY, BulkPath.decide(dataSource).label());
    }

    /** The path a night's execution recorded, or null (a night run before it was recorded). */
    public static String recorded(JobExecution job) {
        return job.getExecutionContext().containsKey(BulkPath.CONTEXT_KEY)
                ? job.getExecutionContext().getString(BulkPath.CONTEXT_KEY) : null;
    }
}
