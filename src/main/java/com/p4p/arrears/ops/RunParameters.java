package com.p4p.arrears.ops;

import java.nio.file.Path;
import java.time.LocalDate;

import org.springframework.batch.core.job.parameters.JobParameters;
import org.springframework.batch.core.job.parameters.JobParametersBuilder;

/**
 * A night's job parameters. Only the business date identifies a run; the folders and the policy
 * are carried along, so a restart reads and writes exactly where the original run did.
 */
public record RunParameters(LocalDate businessDate, Path input, Path output, String policy) {

    public static final String BUSINESS_DATE = "businessDate";
    public static final String INPUT = "input";
    public static final String OUTPUT = "output";
    public static final String POLICY = "policy";

    /** The parameters as a step-scoped bean's {@code @Value} takes them. */
    public static final String BUSINESS_DATE_VALUE = "#{jobParameters['" + BUSINESS_DATE + "']}";
    public static final String INPUT_VALUE = "#{jobParameters['" + INPUT + "']}";
    public static final String OUTPUT_VALUE = "#{jobParameters['" + OUTPUT + "']}";
    public static final String POLICY_VALUE = "#{jobParameters['" + POLICY + "']}";

    public JobParameters toJobParameters() {
        return new JobParametersBuilder()
                .addLocalDate(BUSINESS_DATE, businessDate, true)
                .addString(INPUT, input.toAbsolutePath().toString(), false)
                .addString(OUTPUT, output.toAbsolutePath().toString(), false)
                .addString(POLICY, policy == null ? "" : policy, false)
                .toJobParameters();
    }
}
