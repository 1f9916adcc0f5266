package com.p4p.arrears.partition;

import java.util.ArrayList;
import java.util.List;

/**
 * The names a partition is known by: the job parameters that choose how a night is split, the
 * partitions' names, and the keys of a partition's step execution context (its range, and who ran it).
 * A partition's context is written once, when its step is split, and reused as it is on a restart, so
 * these keys are part of the stored state of a night: never rename them.
 */
public final class PartitionKeys {

    /** Job parameter (Long, non-identifying): partitions per partitioned step; absent means 1. */
    public static final String PARTITIONS = "partitions";
    /** Job parameter (Boolean, non-identifying): partitions go to worker processes over the broker. */
    public static final String WORKERS = "workers";

    /** Partition i of a step is named {@code partition<i>}; its step execution {@code <worker step>:partition<i>}. */
    public static final String PARTITION_PREFIX = "partition";

    // ---- account-id ranges (AccountRangePartitioner) ----

    /** First account id of the range, inclusive; absent for the first partition (no lower bound). */
    public static final String FROM_ACCOUNT = "fromAccount";
    /** First account id after the range, exclusive; absent for the last partition (no upper bound). */
    public static final String TO_ACCOUNT = "toAccount";
    /** True when the range holds no account: the partition reads nothing. */
    public static final String EMPTY = "empty";
    /** The partition's index, 0-based: part files are numbered by it. */
    public static final String INDEX = "index";
    /** How many partitions the step was split into (the grid). */
    public static final String COUNT = "count";

    // ---- line ranges of an input file (LineRangePartitioner) ----

    public static final String SOURCE = "source";
    public static final String FROM_LINE = "fromLine";
    public static final String FROM_BYTE = "fromByte";
    /** First line after the range, exclusive. */
    public static final String TO_LINE = "toLine";
    public static final String PLANNED_ROWS = "plannedRows";

    // ---- who ran it ----

    /** Who ran the partition: {@code local/<thread>}, or a worker's {@code host:pid}. */
    public static final String WORKER = "worker";

    /** A step-scoped bean's {@code @Value} of a key of its partition's context. */
    public static String value(String key) {
        return "#{stepExecutionContext['" + key + "']}";
    }

    /** The names of a step's partitions, {@code partition0..N-1}: they depend on N only. */
    public static List<String> partitionNames(int gridSize) {
        List<String> names = new ArrayList<>();
        for (int i = 0; i < Math.max(1, gridSize); i++) {
            names.add(partitionName(i));
        }
        return names;
    }

    /** The name of partition {@code index}. */
    public static String partitionName(int index) {
        return PARTITION_PREFIX + index;
    }

    private PartitionKeys() {
    }
}
