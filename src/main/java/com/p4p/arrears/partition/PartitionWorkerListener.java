package com.p4p.arrears.partition;

import org.springframework.batch.core.listener.StepExecutionListener;
import org.springframework.batch.core.step.StepExecution;

/**
 * Puts who runs a partition into its step execution context ({@link PartitionKeys#WORKER}), where
 * {@code status} shows it: {@code local/<thread>} in the process that runs the night.
 */
public class PartitionWorkerListener implements StepExecutionListener {

    /** This process as a runner of partitions: {@code local} in the night's own process. */
    private static volatile String process = "local";

    /** Names this process (e.g. {@code host:pid} of a worker) for the partitions it runs from now on. */
    public static void runningAs(String name) {
        process = name;
    }

    @Override
    public void beforeStep(StepExecution stepExecution) {
        stepExecution.getExecutionContext().putString(PartitionKeys.WORKER, who());
    }

    /** Who runs the calling thread's partition. */
    public static String who() {
        return process + "/" + Thread.currentThread().getName();
    }
}
