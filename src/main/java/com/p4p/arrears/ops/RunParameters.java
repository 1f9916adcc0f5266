package com.p4p.arrears.ops;

import java.nio.file.Path;
import java.time.LocalDate;

import org.springframework.batch.core.job.parameters.JobParameters;
import org.springframework.batch.core.job.parameters.JobParametersBuilder;

import com.p4p.arrears.partition.PartitionKeys;

/**
 * A night's job parameters. Only the business date identifies a run; the folders, the policy and how
 * many partitions its partitioned steps run as (SPEC 12) are carried along, so a restart reads and
 * writes exactly where the original run did, split as the original run split it.
 */
public record RunParameters(LocalDate businessDate, Path input, Path output, String policy, int partitions) {

    public static final String BUSINESS_DATE = "businessDate";
    public static final String INPUT = "input";
    public static final String OUTPUT = "output";
    public static final String POLICY = "policy";
    public static final String PARTITIONS = PartitionKeys.PARTITIONS;

    /** The parameters as a step-scoped bean's {@code @Value} takes them. */
    public static final String BUSINESS_DATE_VALUE = "#{jobParameters['" + BUSINESS_DATE + "']}";
    public static final String INPUT_VALUE = "#{jobParameters['" + INPUT + "']}";
    public static final String OUTPUT_VALUE = "#{jobParameters['" + OUTPUT + "']}";
    public static final String POLICY_VALUE = "#{jobParameters['" + POLICY + "']}";

    public RunParameters {
        if (partitions < 1) {
            throw new IllegalArgumentException("partitions must be at least 1, got " + partitions);
        }
    }

    /** A night in one partition (everything in the launching thread). */
    public RunParameters(LocalDate businessDate, Path input, Path output, String policy) {
        this(businessDate, input, output, policy, 1);
    }

    public JobParameters toJobParameters() {
        return new JobParametersBuilder()
                .addLocalDate(BUSINESS_DATE, businessDate, true)
                .addString(INPUT, input.toAbsolutePath().toString(), false)
                .addString(OUTPUT, output.toAbsolutePath().toString(), false)
                .addString(POLICY, policy == null ? "" : policy, false)
                .addLong(PARTITIONS, (long) partitions, false)
                .toJobParameters();
    }
}
