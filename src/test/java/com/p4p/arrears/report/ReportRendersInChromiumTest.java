package com.p4p.arrears.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import javax.imageio.ImageIO;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.batch.core.BatchStatus;
import org.springframework.beans.factory.annotation.Autowired;

import com.p4p.arrears.ops.NightlyRunner;
import com.p4p.arrears.ops.RunParameters;
import com.p4p.arrears.support.Outputs;
import com.p4p.arrears.support.PipelineTest;

/**
 * report.html of the two sample nights (jobs/sample) as a browser shows it: headless Chromium, with
 * no network, renders the page, its styles and its charts. Skipped, saying why, where Chromium is
 * not installed (CI installs it: .ci/run).
 */
@PipelineTest
class ReportRendersInChromiumTest {

    static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    static final LocalDate D1 = LocalDate.of(2026, 11, 26);
    static final LocalDate D2 = D1.plusDays(1);

    @Autowired
    NightlyRunner runner;
    @TempDir
    Path out;
    @TempDir
    Path browser;

    Path report;

    @BeforeEach
    void sampleNights() throws Exception {
        assumeTrue(Files.isExecutable(CHROMIUM), "headless Chromium is not installed (" + CHROMIUM + " missing), so"
                + " report.html is not rendered in a browser; install it with: apt-get install -y chromium");
        for (LocalDate d : List.of(D1, D2)) {
            assertThat(runner.run(new RunParameters(d, Path.of("jobs", "sample"), out, null)).getStatus())
                    .isEqualTo(BatchStatus.COMPLETED);
        }
        report = new Outputs(out, D2).dir().resolve("report.html");
    }

    @Test
    void theScreenshotShowsTheStylesAndTheCharts() throws Exception {
        Path png = browser.resolve("report.png");
        chromium("--screenshot=" + png, "--window-size=1200,2400");

        BufferedImage image = ImageIO.read(png.toFile());
        assertThat(image).as("a PNG screenshot").isNotNull();
        assertThat(image.getWidth()).isEqualTo(1200);
        assertThat(pixels(image, 0xdafbe1)).as("the green of the verdict and of the PASS badges").isGreaterThan(5_000);
        assertThat(pixels(image, 0xc93c20)).as("the SVG bars of debt 30-59 days past due").isGreaterThan(1_000);
        assertThat(pixels(image, 0x0969da)).as("tonight's bar of the accounts-in-arrears trend").isGreaterThan(100);
        assertThat(pixels(image, 0xf4f5f7)).as("the page background, around the sections").isGreaterThan(10_000);
    }

    @Test
    void theRenderedDomHasEverySection() throws Exception {
        String dom = chromium("--dump-dom");

        assertThat(dom).contains("<span id=\"business-date\">2026-11-27</span>")
                .contains("Control totals per file", "Opening to closing per currency", "Accounts and owed by stage",
                        "Owed by ageing bucket", "Trend over the last 2 business dates", "Reconciliation breaks and suspense")
                .contains("All checks pass").contains("<svg").contains("<rect")
                .doesNotContain("parsererror");
    }

    /** Runs headless Chromium on the report, offline; returns what it printed on standard output. */
    private String chromium(String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(CHROMIUM.toString(), "--headless", "--no-sandbox", "--disable-gpu",
                "--disable-dev-shm-usage", "--disable-quic", "--no-first-run", "--disable-background-networking",
                "--disable-component-update", "--disable-sync", "--user-data-dir=" + browser.resolve("profile")));
        command.addAll(List.of(args));
        command.add(report.toUri().toString());
        Path stdout = browser.resolve("stdout.txt");
        Path stderr = browser.resolve("stderr.txt");
        Process p = new ProcessBuilder(command).redirectOutput(stdout.toFile()).redirectError(stderr.toFile()).start();
        if (!p.waitFor(120, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("chromium did not finish in 120 s: " + Files.readString(stderr));
        }
        assertThat(p.exitValue()).as("chromium's exit code; it said: %s", Files.readString(stderr)).isZero();
        return Files.readString(stdout, StandardCharsets.UTF_8);
    }

    private static long pixels(BufferedImage image, int rgb) {
        long n = 0;
        for (int y = 0; y < image.getHeight(); y++) {
            for (int x = 0; x < image.getWidth(); x++) {
                if ((image.getRGB(x, y) & 0xffffff) == rgb) {
                    n++;
                }
            }
        }
        return n;
    }
}
