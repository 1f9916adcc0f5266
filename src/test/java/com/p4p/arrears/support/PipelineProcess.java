package com.p4p.arrears.support;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** The packaged jar, started as an operator or a scheduler would start it. */
public final class PipelineProcess {

    public static final Path JAR = Path.of("target/arrears-pipeline.jar");

    private final Map<String, String> env;
    private final Path workDir;

    public PipelineProcess(Map<String, String> env, Path workDir) {
        this.env = env;
        this.workDir = workDir;
    }

    public record Result(int exitCode, String output) {
    }

    /** Runs a command to its end (at most five minutes). */
    public Result run(String... args) throws IOException, InterruptedException {
        Path log = Files.createTempFile(workDir, "run", ".log");
        Process p = start(log, args);
        if (!p.waitFor(5, TimeUnit.MINUTES)) {
            p.destroyForcibly();
            throw new AssertionError("the pipeline did not finish in 5 minutes: " + String.join(" ", args));
        }
        return new Result(p.exitValue(), Files.readString(log, StandardCharsets.UTF_8));
    }

    /** Starts a command in the background, its output going to a log file. */
    public Process start(Path log, String... args) throws IOException {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx512m", "-Dpipeline.progress-interval-seconds=0", "-Dpipeline.shutdown-grace-seconds=60",
                "-jar", JAR.toAbsolutePath().toString()));
        command.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(command).directory(workDir.toFile())
                .redirectErrorStream(true).redirectOutput(log.toFile());
        // many chunk boundaries to fail between, in every step
        for (String variable : List.of("PIPELINE_CHUNK_SIZE", "PIPELINE_CHUNK_SIZE_INGESTSPEND",
                "PIPELINE_CHUNK_SIZE_INGESTPAYMENTS")) {
            pb.environment().put(variable, "500");
        }
        pb.environment().putAll(env);
        return pb.start();
    }

    /** Waits until the log shows a line containing the text (the process still running). */
    public static void awaitLog(Path log, String text, Process process, Duration timeout)
            throws IOException, InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (Files.exists(log) && Files.readString(log, StandardCharsets.UTF_8).contains(text)) {
                return;
            }
            if (!process.isAlive()) {
                throw new AssertionError("the pipeline ended (exit " + process.exitValue() + ") before logging '" + text
                        + "':\n" + Files.readString(log, StandardCharsets.UTF_8));
            }
            Thread.sleep(20);
        }
        throw new AssertionError("no '" + text + "' in the log within " + timeout);
    }
}
