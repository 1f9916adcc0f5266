package com.p4p.arrears.ops;

import java.nio.file.Path;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.springframework.batch.core.job.parameters.JobParameters;
import org.springframework.batch.core.job.parameters.JobParametersBuilder;

/**
 * A lift's job parameters (SPEC 13): the file's date and time identify it (so the same file again
 * resumes a failed lift, and a lifted one is refused); the file, the output folder and the policy are
 * carried along for a restart.
 */
public record LiftParameters(LocalDate businessDate, String fileTime, Path file, Path output, String policy) {

    public static final String FILE_TIME = "fileTime";
    public static final String FILE = "file";
    /** As a step-scoped bean's {@code @Value} takes them. */
    public static final String FILE_TIME_VALUE = "#{jobParameters['" + FILE_TIME + "']}";
    public static final String FILE_VALUE = "#{jobParameters['" + FILE + "']}";

    private static final Pattern NAME = Pattern.compile("payments_(\\d{8})_(\\d{6})\\.csv");
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HHmmss");

    /** From a file named {@code payments_yyyyMMdd_HHmmss.csv}; anything else is a usage error. */
    public static LiftParameters of(Path file, Path output, String policy) {
        Matcher m = NAME.matcher(file.getFileName().toString());
        if (!m.matches()) {
            throw new CommandLineArgs.UsageException("lift needs a file named payments_yyyyMMdd_HHmmss.csv, got "
                    + file.getFileName());
        }
        try {
            LocalDate date = LocalDate.parse(m.group(1), DateTimeFormatter.BASIC_ISO_DATE);
            TIME.parse(m.group(2));
            return new LiftParameters(date, m.group(2), file, output, policy);
        } catch (DateTimeParseException e) {
            throw new CommandLineArgs.UsageException("lift: " + file.getFileName() + " does not name a valid date and time");
        }
    }

    public JobParameters toJobParameters() {
        return new JobParametersBuilder()
                .addLocalDate(RunParameters.BUSINESS_DATE, businessDate, true)
                .addString(FILE_TIME, fileTime, true)
                .addString(FILE, file.toAbsolutePath().toString(), false)
                .addString(RunParameters.OUTPUT, output.toAbsolutePath().toString(), false)
                .addString(RunParameters.POLICY, policy == null ? "" : policy, false)
                .toJobParameters();
    }
}
