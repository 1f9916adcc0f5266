package com.p4p.arrears.support;

import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.File;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A real Prometheus Pushgateway (Debian's prometheus-pushgateway) on a free loopback port, without
 * persistence, for as long as the test holds it. Where the binary is missing the test is skipped
 * with a message, except in CI (CI=true), where .ci/run installs it and a missing one is a failure.
 */
public final class Pushgateway implements AutoCloseable {

    private static final List<String> BINARIES = List.of("prometheus-pushgateway", "pushgateway");

    private final Process process;
    private final int port;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private Pushgateway(Process process, int port) {
        this.process = process;
        this.port = port;
    }

    /** Starts one, or skips the test (fails it in CI) when the binary is not installed. */
    public static Pushgateway start(Path workDir) throws IOException, InterruptedException {
        Optional<Path> binary = binary();
        if (binary.isEmpty()) {
            String why = "no Pushgateway binary (" + String.join(" or ", BINARIES)
                    + ") on the PATH; install it with: apt-get install prometheus-pushgateway";
            if ("true".equalsIgnoreCase(System.getenv("CI"))) {
                fail(why + " (.ci/run installs it; CI must not skip this test)");
            }
            assumeTrue(false, why);
        }
        int port = freePort();
        Path log = workDir.resolve("pushgateway.log");
        Process p = new ProcessBuilder(binary.get().toString(), "--web.listen-address=127.0.0.1:" + port)
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        Pushgateway gateway = new Pushgateway(p, port);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (System.nanoTime() < deadline) {
            if (!p.isAlive()) {
                throw new AssertionError("the Pushgateway exited (" + p.exitValue() + "): " + Files.readString(log));
            }
            if (gateway.ready()) {
                return gateway;
            }
            Thread.sleep(50);
        }
        gateway.close();
        throw new AssertionError("the Pushgateway was not ready in 20 s: " + Files.readString(log));
    }

    private static Optional<Path> binary() {
        List<Path> dirs = new ArrayList<>();
        for (String dir : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
            dirs.add(Path.of(dir));
        }
        dirs.add(Path.of("/usr/bin"));
        for (String name : BINARIES) {
            for (Path dir : dirs) {
                Path candidate = dir.resolve(name);
                if (Files.isExecutable(candidate)) {
                    return Optional.of(candidate);
                }
            }
        }
        return Optional.empty();
    }

    /** A loopback port nobody listens on (just now). */
    public static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    public String url() {
        return "http://127.0.0.1:" + port;
    }

    private HttpResponse<String> get(String path) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(URI.create(url() + path)).timeout(Duration.ofSeconds(10)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private boolean ready() throws InterruptedException {
        try {
            return get("/-/ready").statusCode() == 200;
        } catch (IOException e) {
            return false; // not listening yet
        }
    }

    /** What Prometheus would scrape from it now. */
    public Scrape scrape() throws IOException, InterruptedException {
        HttpResponse<String> r = get("/metrics");
        if (r.statusCode() != 200) {
            throw new AssertionError("GET /metrics answered " + r.statusCode());
        }
        return new Scrape(r.body());
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(10, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor();
        }
    }

    /** The text exposition format, parsed: each sample's name, labels and value. */
    public static final class Scrape {
        private static final Pattern SAMPLE = Pattern.compile("^([a-zA-Z_:][a-zA-Z0-9_:]*)(?:\\{(.*)})?\\s+(\\S+)");
        private static final Pattern LABEL = Pattern.compile("([a-zA-Z_][a-zA-Z0-9_]*)=\"((?:[^\"\\\\]|\\\\.)*)\"");

        public record Sample(String name, Map<String, String> labels, double value) {
        }

        private final List<Sample> samples = new ArrayList<>();
        private final String text;

        public Scrape(String text) {
            this.text = text;
            for (String line : text.split("\n")) {
                Matcher m = SAMPLE.matcher(line);
                if (line.startsWith("#") || !m.find()) {
                    continue;
                }
                Map<String, String> labels = new TreeMap<>();
                if (m.group(2) != null) {
                    Matcher l = LABEL.matcher(m.group(2));
                    while (l.find()) {
                        labels.put(l.group(1), l.group(2).replace("\\\"", "\"").replace("\\\\", "\\"));
                    }
                }
                samples.add(new Sample(m.group(1), labels, Double.parseDouble(m.group(3))));
            }
        }

        /** The samples of a metric whose labels include the given name/value pairs. */
        public List<Sample> samples(String name, String... labels) {
            Map<String, String> want = new LinkedHashMap<>();
            for (int i = 0; i < labels.length; i += 2) {
                want.put(labels[i], labels[i + 1]);
            }
            return samples.stream().filter(s -> s.name().equals(name))
                    .filter(s -> want.entrySet().stream().allMatch(e -> e.getValue().equals(s.labels().get(e.getKey()))))
                    .toList();
        }

        /** The one value of a metric with these labels; fails when there is none or more than one. */
        public double value(String name, String... labels) {
            List<Sample> found = samples(name, labels);
            if (found.size() != 1) {
                throw new AssertionError(found.size() + " samples of " + name + " " + List.of(labels) + " in:\n"
                        + text.lines().filter(l -> l.startsWith(name)).collect(java.util.stream.Collectors.joining("\n")));
            }
            return found.get(0).value();
        }

        public String text() {
            return text;
        }
    }
}
