package com.p4p.arrears.partition;

import java.util.Objects;

import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.repository.JobRepository;

import com.p4p.arrears.ops.RunLock;

/**
 * Which process manages a night whose partitions run on workers: the server connection on which it
 * holds the run lock, recorded in the night's job execution context before any request is sent. A
 * worker runs a request only while that very connection still holds the lock: after a manager died,
 * the lock is free, or held by the process restarting the night (another connection), whose
 * recovery is about to mark the dead night's partitions FAILED. Either way the old request is stale.
 */
public final class NightManager {

    /** Job execution context key: the run lock's connection id of the night's manager. */
    public static final String LOCK_CONNECTION = "partition.managerLockConnection";

    private NightManager() {
    }

    /** Records this process as the night's manager (it holds the run lock). */
    public static void record(JobExecution night, RunLock runLock, JobRepository jobRepository) {
        Long connection = runLock.heldOnConnection();
        if (connection != null && !Objects.equals(recorded(night), connection)) {
            night.getExecutionContext().putLong(LOCK_CONNECTION, connection);
            jobRepository.updateExecutionContext(night);
        }
    }

    /** Whether the process that manages this night is alive (holds the run lock on the recorded connection). */
    public static boolean isAlive(JobExecution night, RunLock runLock) {
        Long holder = runLock.holderConnection();
        Long recorded = recorded(night);
        return holder != null && (recorded == null || recorded.equals(holder));
    }

    private static Long recorded(JobExecution night) {
        return night.getExecutionContext().containsKey(LOCK_CONNECTION)
                ? night.getExecutionContext().getLong(LOCK_CONNECTION) : null;
    }
}
