package com.p4p.arrears.partition;

import java.util.Arrays;
import java.util.Optional;

import com.p4p.arrears.NightlyStepNames;
import com.p4p.arrears.ingest.Source;

/**
 * The one place that says which steps of the night are partitioned, how, and under which names: the
 * manager step keeps the step's name in the job (and in {@code status}), the worker step runs one
 * partition and is named {@code <manager>Partition}; its executions are {@code <worker>:partition<i>}.
 * The worker step's bean has the worker step's name (local threads and remote workers find it by name).
 */
public enum PartitionPlan {

    /** Posting of the spend file: by line range, the rows that depend on an earlier row after, in line order. */
    INGEST_SPEND(NightlyStepNames.INGEST_SPEND, Ranges.LINES, Source.SPEND),
    /** Posting of the payments file, as spend. */
    INGEST_PAYMENTS(NightlyStepNames.INGEST_PAYMENTS, Ranges.LINES, Source.PAYMENTS),
    /** The platform's balances against the ledger, as spend (a repeated account_id is deferred). */
    COMPARE_BALANCES(NightlyStepNames.COMPARE_BALANCES, Ranges.LINES, Source.BALANCES),

    /** Ageing, stages, actions and credit impact, per account: by account-id range. */
    CLASSIFY_ACCOUNTS(NightlyStepNames.CLASSIFY_ACCOUNTS, Ranges.ACCOUNTS, null),
    /** The account-sorted output files, as hidden part files per account-id range. */
    WRITE_ACCOUNT_FILES(NightlyStepNames.WRITE_ACCOUNT_FILES, Ranges.ACCOUNTS, null);

    /** How a step's work is divided. */
    public enum Ranges {
        /** Consecutive account ids ({@link AccountRangePartitioner}). */
        ACCOUNTS,
        /** Consecutive lines of the night's file of {@link PartitionPlan#source()} ({@link LineRangePartitioner}). */
        LINES
    }

    private final String manager;
    private final Ranges ranges;
    private final Source source;

    PartitionPlan(String manager, Ranges ranges, Source source) {
        this.manager = manager;
        this.ranges = ranges;
        this.source = source;
    }

    /** The input file split by lines; null for account ranges. */
    public Source source() {
        return source;
    }

    /**
     * The step that decides, after the partitions and in line order, the rows that depend on an earlier
     * row of the file (line ranges only).
     */
    public String deferred() {
        return manager + "Deferred";
    }

    /** The step's name in the job. */
    public String manager() {
        return manager;
    }

    /** The name of the step that runs one partition (and of its bean). */
    public String worker() {
        return manager + "Partition";
    }

    public Ranges ranges() {
        return ranges;
    }

    /** The partitioned step of this manager step name, if it is one. */
    public static Optional<PartitionPlan> byManager(String stepName) {
        return Arrays.stream(values()).filter(p -> p.manager.equals(stepName)).findFirst();
    }

    /** Whether a step execution's name is a partition's ({@code <worker>:partition<i>}). */
    public static boolean isPartition(String stepExecutionName) {
        return stepExecutionName.contains(":" + PartitionKeys.PARTITION_PREFIX);
    }
}
