package com.p4p.arrears.partition;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.ExitStatus;
import org.springframework.batch.core.partition.StepExecutionSplitter;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.batch.integration.partition.StepExecutionRequest;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.dao.OptimisticLockingFailureException;
import org.springframework.integration.support.MessageBuilder;
import org.springframework.messaging.MessageChannel;
import org.springframework.stereotype.Component;

import com.p4p.arrears.ops.RunLock;
import com.p4p.arrears.partition.worker.PartitionMessaging;

/**
 * The manager's side of a partitioned step run on workers (SPEC 12): one {@code StepExecutionRequest}
 * per partition to the broker's queue, then the job repository is polled until no partition runs.
 * <p>
 * Why not Spring Batch's {@code MessageChannelPartitionHandler}: its timeout bounds the whole step
 * (a large night's step may rightly run for an hour), while a partition that nobody runs must fail
 * the night within {@code pipeline.partition-timeout}. Here a partition that is still STARTING that
 * long after its request was sent (no worker took it), or whose step execution has not changed for
 * that long (its worker is gone and no other took it over), is marked FAILED; the night then fails
 * (exit 1) with nothing left STARTED, and {@code restart} sends the partitions that did not complete.
 * "Not changed" is judged on the manager's clock by the execution's version (every chunk commit
 * bumps it), so clocks of other machines never matter. No reply channel: replies left by a crashed
 * night could complete a new one (spring-batch issues 4945, 4133).
 */
@Component
public class RemotePartitions {

    private static final Log log = LogFactory.getLog(RemotePartitions.class);

    private final JobRepository jobRepository;
    private final RunLock runLock;
    private final MessageChannel requests;
    private final Duration timeout;
    private final Duration pollInterval;

    public RemotePartitions(JobRepository jobRepository, RunLock runLock, @Qualifier(PartitionMessaging.REQUESTS) MessageChannel requests,
                            @Value("${pipeline.partition-timeout:10m}") Duration timeout,
                            @Value("${pipeline.partition-poll-interval:2s}") Duration pollInterval) {
        this.jobRepository = jobRepository;
        this.runLock = runLock;
        this.requests = requests;
        this.timeout = timeout;
        this.pollInterval = pollInterval;
    }

    /**
     * Splits the manager step into {@code gridSize} partitions (on a restart: the ones that did not
     * complete), sends them to the workers and returns them once none is running.
     */
    public Collection<StepExecution> handle(StepExecutionSplitter splitter, StepExecution manager, int gridSize)
            throws Exception {
        Set<StepExecution> partitions = splitter.split(manager, gridSize);
        if (partitions.isEmpty()) {
            return partitions;
        }
        NightManager.record(manager.getJobExecution(), runLock, jobRepository);
        Map<Long, Progress> pending = new LinkedHashMap<>();
        long sent = System.nanoTime();
        for (StepExecution partition : partitions) {
            requests.send(MessageBuilder.withPayload(new StepExecutionRequest(splitter.getStepName(), partition.getId()))
                    .build());
            pending.put(partition.getId(), new Progress(partition.getVersion(), sent));
        }
        log.info(manager.getStepName() + ": " + partitions.size() + " partitions sent to the workers");
        List<StepExecution> done = new ArrayList<>();
        long anyProgress = sent;
        while (!pending.isEmpty()) {
            Thread.sleep(pollInterval.toMillis());
            List<StepExecution> running = new ArrayList<>();
            for (var it = pending.entrySet().iterator(); it.hasNext(); ) {
                var entry = it.next();
                StepExecution partition = jobRepository.getStepExecution(entry.getKey());
                if (entry.getValue().changed(partition)) {
                    anyProgress = System.nanoTime();
                }
                if (!partition.getStatus().isRunning()) {
                    done.add(partition);
                    it.remove();
                } else {
                    running.add(partition);
                }
            }
            for (StepExecution partition : running) {
                // queued partitions wait while workers progress on others; a started one must progress itself
                long idle = partition.getStatus() == BatchStatus.STARTING ? anyProgress
                        : pending.get(partition.getId()).since;
                if (System.nanoTime() - idle > timeout.toNanos() && failStalled(partition)) {
                    pending.get(partition.getId()).version = partition.getVersion(); // our change is no progress
                }
            }
        }
        return done;
    }

    /** Marks a partition FAILED; a worker that still commits on it then fails its version check. */
    private boolean failStalled(StepExecution partition) {
        String why = partition.getStatus() == BatchStatus.STARTING
                ? "no worker took partition " + partition.getStepName() + " within " + timeout
                        + " (and none progressed on another)"
                : "partition " + partition.getStepName() + " made no progress for " + timeout
                        + " (its worker is gone and no other took it over)";
        partition.setStatus(BatchStatus.FAILED);
        partition.setExitStatus(ExitStatus.FAILED.addExitDescription(why + " (pipeline.partition-timeout)"));
        partition.setEndTime(java.time.LocalDateTime.now());
        try {
            jobRepository.update(partition);
            log.error(why + ": marked FAILED; start workers and restart the night");
            return true;
        } catch (OptimisticLockingFailureException e) {
            // a worker updated it meanwhile: it is alive after all, look again at the next poll
            return false;
        }
    }

    /** The last version seen of a partition's execution and when (manager's clock) it was first seen. */
    private static final class Progress {
        private int version;
        private long since;

        Progress(Integer version, long since) {
            this.version = version == null ? 0 : version;
            this.since = since;
        }

        /** Whether the execution changed (a chunk committed, it started or ended) since the last look. */
        boolean changed(StepExecution now) {
            int v = now.getVersion() == null ? 0 : now.getVersion();
            if (v == version) {
                return false;
            }
            version = v;
            since = System.nanoTime();
            return true;
        }
    }
}
