package com.p4p.arrears.partition.worker;

import java.lang.management.ManagementFactory;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.time.LocalDate;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.batch.integration.partition.StepExecutionRequest;

import com.p4p.arrears.ops.RunParameters;
import com.p4p.arrears.partition.PartitionKeys;
import com.p4p.arrears.partition.PartitionWorkerListener;

/**
 * What a worker tells its operator, one line per event: the partitions it takes (night, step,
 * partition) and how they end (status, rows). It also writes its name (host:pid/thread) into the
 * partition's execution context under {@link PartitionKeys#WORKER}, where {@code status --date D}
 * finds it, before the first chunk (the worker step's {@link PartitionWorkerListener} writes the same).
 */
public class WorkerLog {

    private static final Log log = LogFactory.getLog("worker");

    private final String name;

    public WorkerLog(String name) {
        this.name = name;
    }

    /** host:pid of this JVM. */
    public static String thisProcess() {
        String host;
        try {
            host = InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            host = "unknown-host";
        }
        return host + ":" + ProcessHandle.current().pid();
    }

    public String name() {
        return name;
    }

    void took(StepExecution partition) {
        partition.getExecutionContext().putString(PartitionKeys.WORKER, PartitionWorkerListener.who());
        log.info("took partition " + describe(partition) + " (execution " + partition.getId()
                + (partition.getReadCount() > 0 ? ", resuming after " + partition.getReadCount() + " rows read" : "")
                + ")");
    }

    void finished(StepExecution partition, Duration took) {
        log.info("finished partition " + describe(partition) + " " + partition.getStatus() + ": rows read "
                + partition.getReadCount() + ", written " + partition.getWriteCount() + ", in "
                + took.toMillis() / 1000.0 + " s");
    }

    void waiting(StepExecution partition, Duration takeoverAfter) {
        log.info("partition " + describe(partition) + " is STARTED by another worker: taking it over if it makes no"
                + " progress for " + takeoverAfter);
    }

    void takingOver(StepExecution partition, Duration takeoverAfter) {
        log.warn("partition " + describe(partition) + " made no progress for " + takeoverAfter
                + ": its worker is gone, taking it over from its last committed chunk");
    }

    void dropped(StepExecutionRequest request, StepExecution partition, String why) {
        log.warn("dropped stale request " + (partition == null ? "for step execution " + request.getStepExecutionId()
                : describe(partition) + " (execution " + partition.getId() + ")") + ": " + why);
    }

    /** night=D step=S partition=P, as operators grep for it. */
    static String describe(StepExecution partition) {
        String name = partition.getStepName();
        int colon = name.indexOf(':');
        LocalDate night = partition.getJobExecution().getJobParameters().getLocalDate(RunParameters.BUSINESS_DATE);
        return "night=" + night + " step=" + (colon < 0 ? name : name.substring(0, colon))
                + " partition=" + (colon < 0 ? "-" : name.substring(colon + 1));
    }
}
