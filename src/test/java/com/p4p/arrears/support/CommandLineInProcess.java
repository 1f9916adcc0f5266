package com.p4p.arrears.support;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

import org.springframework.core.env.Environment;

import com.p4p.arrears.ops.ArrearsCommandLine;

/**
 * The real command line (argument checks, exit codes, a Spring context of its own) run in the test's
 * JVM against the test's database: the test's datasource settings are handed to the new context as
 * system properties (the in-memory H2 database is shared within the JVM; MySQL is named by the
 * environment anyway).
 */
public final class CommandLineInProcess {

    public record Result(int exitCode, String out, String err) {
    }

    private final Environment env;

    public CommandLineInProcess(Environment env) {
        this.env = env;
    }

    public Result run(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        String[] keys = {"spring.datasource.url", "spring.datasource.username", "spring.datasource.password",
                "logging.level.com.p4p.arrears", "logging.level.progress"};
        String[] before = new String[keys.length];
        for (int i = 0; i < keys.length; i++) {
            before[i] = System.getProperty(keys[i]);
            String value = i < 3 ? env.getProperty(keys[i]) : "WARN";
            if (value != null) {
                System.setProperty(keys[i], value);
            }
        }
        try {
            int code = new ArrearsCommandLine(new PrintStream(out, true, StandardCharsets.UTF_8),
                    new PrintStream(err, true, StandardCharsets.UTF_8), false).execute(args);
            return new Result(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
        } finally {
            for (int i = 0; i < keys.length; i++) {
                if (before[i] == null) {
                    System.clearProperty(keys[i]);
                } else {
                    System.setProperty(keys[i], before[i]);
                }
            }
        }
    }
}
