package com.p4p.arrears.ops;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.io.TempDir;

/** A policy whose runway block is invalid stops the command with exit 2 before anything is read, naming the key. */
class RunwayPolicyRefusedTest {

    @TempDir
    Path dir;

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "runway: { window_days: 0, horizon_days: 3 }              | runway.window_days",
            "runway: { window_days: 7, horizon_days: 1.5 }            | runway.horizon_days",
            "runway: { window_days: 7 }                               | runway.horizon_days",
            "runway: { window_days: 7, horizon_days: 3, alert: true } | runway.alert"})
    void anInvalidRunwayBlockIsAConfigurationError(String block, String key) throws Exception {
        Path policy = dir.resolve("policy.yaml");
        Files.writeString(policy, Files.readString(Path.of("jobs/policy.yaml")) + block + "\n");
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = new ArrearsCommandLine(new PrintStream(new ByteArrayOutputStream()), new PrintStream(err, true,
                StandardCharsets.UTF_8), false).execute(new String[]{"run", "--date", "2026-03-01", "--input",
                dir.toString(), "--output", dir.resolve("out").toString(), "--policy", policy.toString()});
        assertThat(code).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains(key);
        assertThat(dir.resolve("out")).doesNotExist();
    }
}
