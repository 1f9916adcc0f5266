package com.p4p.arrears.partition;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.partition.support.SimpleStepExecutionSplitter;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.batch.infrastructure.item.ExecutionContext;

/**
 * What {@code status --date D} shows of a partitioned step: each partition's last execution (possibly of
 * an earlier run of the night, when a restart skipped it because it had completed), with its state, rows,
 * who ran it and its range. The grid is the one stored with the manager step, as a restart uses it.
 */
public final class PartitionStatus {

    /** Where Spring Batch's splitter keeps the grid in the manager step's context. */
    static final String GRID_SIZE_KEY = SimpleStepExecutionSplitter.class.getSimpleName() + ".GRID_SIZE";

    /** One partition as status shows it; {@code status} null when it never started. */
    public record Partition(String name, String status, long read, long written, String worker, String range,
                            String failure) {
    }

    private PartitionStatus() {
    }

    /** The partitions of {@code manager} (a step execution of {@code night}), empty for a step that is not partitioned. */
    public static List<Partition> of(JobRepository repository, JobExecution night, StepExecution manager) {
        Optional<PartitionPlan> plan = PartitionPlan.byManager(manager.getStepName());
        ExecutionContext context = manager.getExecutionContext();
        if (plan.isEmpty() || !context.containsKey(GRID_SIZE_KEY)) {
            return List.of();
        }
        List<Partition> out = new ArrayList<>();
        long grid = context.getLong(GRID_SIZE_KEY);
        for (int i = 0; i < grid; i++) {
            String name = PartitionKeys.partitionName(i);
            StepExecution p = repository.getLastStepExecution(night.getJobInstance(), plan.get().worker() + ":" + name);
            if (p == null) {
                out.add(new Partition(name, null, 0, 0, "-", "-", ""));
                continue;
            }
            ExecutionContext c = p.getExecutionContext();
            String worker = c.containsKey(PartitionKeys.WORKER) ? c.getString(PartitionKeys.WORKER) : "-";
            String failure = p.getStatus().isUnsuccessful() ? PartitionAggregator.rootCause(p.getExitStatus()
                    .getExitDescription()) : "";
            out.add(new Partition(name, p.getStatus().name(), p.getReadCount(), p.getWriteCount(), worker,
                    range(plan.get(), c), failure));
        }
        return out;
    }

    private static String range(PartitionPlan plan, ExecutionContext c) {
        return switch (plan.ranges()) {
            case ACCOUNTS -> "accounts " + AccountRange.of(c);
            case LINES -> c.containsKey(PartitionKeys.FROM_LINE)
                    ? "lines " + c.getLong(PartitionKeys.FROM_LINE) + ".." + c.getLong(PartitionKeys.TO_LINE)
                    + " (" + c.getLong(PartitionKeys.PLANNED_ROWS) + " rows)" : "-";
        };
    }
}
