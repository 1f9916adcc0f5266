package com.p4p.arrears.partition;

import java.util.Collection;
import java.util.List;

import org.springframework.batch.core.partition.StepExecutionAggregator;
import org.springframework.batch.core.partition.support.DefaultStepExecutionAggregator;
import org.springframework.batch.core.step.StepExecution;

import com.p4p.arrears.ops.StepMetrics;

/**
 * Sums the partitions into their manager step: Spring Batch's counts, and the history rows read (the
 * benchmark's report reads them from the step, {@link StepMetrics#HISTORY_ROWS_READ}). When any partition
 * did not complete it fails the step naming the partitions and why, so the night's failure (the command's
 * message, the log) says which partition failed and of what, not only that one did.
 */
public class PartitionAggregator implements StepExecutionAggregator {

    private final StepExecutionAggregator sums = new DefaultStepExecutionAggregator();

    @Override
    public void aggregate(StepExecution manager, Collection<StepExecution> partitions) {
        sums.aggregate(manager, partitions);
        long historyRows = -1;
        for (StepExecution p : partitions) {
            long rows = p.getExecutionContext().getLong(StepMetrics.HISTORY_ROWS_READ, -1L);
            historyRows = rows < 0 ? historyRows : Math.max(historyRows, 0) + rows;
        }
        if (historyRows >= 0) {
            manager.getExecutionContext().putLong(StepMetrics.HISTORY_ROWS_READ, historyRows);
        }
        List<String> failed = partitions.stream().filter(p -> p.getStatus().isUnsuccessful())
                .sorted(java.util.Comparator.comparing(StepExecution::getStepName))
                .map(p -> partitionName(p) + " " + p.getStatus() + why(p)).toList();
        if (!failed.isEmpty()) {
            throw new PartitionFailedException(manager.getStepName() + ": " + String.join("; ", failed));
        }
    }

    private static String partitionName(StepExecution p) {
        String name = p.getStepName();
        return name.substring(name.indexOf(':') + 1);
    }

    /** The root cause, from the exception when the partition ran here, else from its stored exit description. */
    private static String why(StepExecution p) {
        if (!p.getFailureExceptions().isEmpty()) {
            Throwable t = p.getFailureExceptions().get(0);
            while (t.getCause() != null && t.getCause() != t) {
                t = t.getCause();
            }
            return ": " + t.getMessage();
        }
        String cause = rootCause(p.getExitStatus().getExitDescription());
        return cause.isEmpty() ? "" : ": " + cause;
    }

    /**
     * The message of the innermost exception of a stored exit description (a stack trace): its last
     * "Caused by:" line, else its first line, without the exception's class name.
     */
    public static String rootCause(String exitDescription) {
        if (exitDescription == null || exitDescription.isBlank()) {
            return "";
        }
        String line = exitDescription.lines().findFirst().orElse("");
        for (String l : exitDescription.lines().toList()) {
            if (l.startsWith("Caused by: ")) {
                line = l.substring("Caused by: ".length());
            }
        }
        return line.replaceFirst("^[\\w.$]+(Exception|Error): ", "");
    }

    /** A partitioned step whose partitions did not all complete. */
    public static class PartitionFailedException extends RuntimeException {
        public PartitionFailedException(String message) {
            super(message);
        }
    }
}
