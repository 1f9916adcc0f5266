package com.p4p.arrears.partition.worker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.jdbc.core.JdbcTemplate;

import com.p4p.arrears.partition.PartitionPlan;
import com.p4p.arrears.support.NightFiles;
import com.p4p.arrears.support.PipelineProcess;
import com.p4p.arrears.support.TestDatabase;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;

/**
 * Remote partitions (SPEC 12) with the packaged jar: a manager night with --partitions 3 --workers and
 * worker processes over the local RabbitMQ, against nights run in one process, byte for byte; a worker
 * SIGKILLed mid-partition; a manager and a worker killed together with requests still queued; no broker.
 * The partitioned step here is the classification (by account-id range), made long with many
 * accounts and chunks of 10. Needs MySQL (SPRING_DATASOURCE_URL: workers share the database) and a
 * broker at 127.0.0.1:5672 (CI starts both); each test has its own queue, deleted after it.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RemotePartitionsIT {

    static final String[] DATES = {"2026-11-26", "2026-11-27", "2026-11-28"};
    static final String[] FILES = {"account_status.csv", "enforcement_actions.csv", "credit_impact.csv",
            "recon_breaks.csv", "recon_summary.csv", "rejects.csv", "runway.csv"};
    static final int ACCOUNTS = 12_000;
    static final String PARTITION_STEP = "classifyAccountsPartition";

    Path tmp;
    Path in;
    Path reference;
    final String queue = "arrears.partitions.test." + UUID.randomUUID();
    final List<Process> started = new ArrayList<>();

    @BeforeAll
    void nightsAndTheirOneProcessOutputs(@TempDir Path dir) throws Exception {
        tmp = dir;
        assumeTrue(TestDatabase.mysqlConfigured(), "needs MySQL: workers share the manager's database");
        assumeTrue(brokerUp() || "true".equals(System.getenv("CI")), "needs RabbitMQ at 127.0.0.1:5672");
        in = Files.createDirectories(tmp.resolve("in"));
        new NightFiles(in, LocalDate.parse(DATES[0])).accounts(accounts()).spend(spend(DATES[0], 3000))
                .payments("P1,A1,PAYMENT,500.00,USD,CARD,2026-11-26,", "P2,A2,CHARGEBACK,5.00,USD,CARD,2026-11-26,X");
        new NightFiles(in, LocalDate.parse(DATES[1])).accounts("GHOST,S9,USD,2026-11-27,N")
                .spend(spend(DATES[1], 2000)).payments("P3,A3,PAYMENT,100.00,USD,BANK_TRANSFER,2026-11-27,");
        new NightFiles(in, LocalDate.parse(DATES[2])).accounts().spend().payments();
        reference = tmp.resolve("out-one-process");
        try (TestDatabase db = TestDatabase.fresh(tmp, "remote_reference")) {
            PipelineProcess jar = new PipelineProcess(env(db), tmp);
            for (String d : DATES) {
                PipelineProcess.Result r = jar.run("run", "--date", d, "--input", in.toString(), "--output",
                        reference.toString());
                assertThat(r.exitCode()).as(r.output()).isZero();
            }
        }
    }

    @AfterEach
    void stopProcessesAndDeleteTheQueue() throws Exception {
        for (Process p : started) {
            p.destroyForcibly();
            p.waitFor(30, TimeUnit.SECONDS);
        }
        started.clear();
        try (Connection c = broker().newConnection(); Channel channel = c.createChannel()) {
            channel.queueDelete(queue);
        }
    }

    @Test
    void nightsOnTwoWorkersHaveTheOutputsOfNightsInOneProcess() throws Exception {
        try (TestDatabase db = TestDatabase.fresh(tmp, "remote_two")) {
            PipelineProcess jar = migrated(new PipelineProcess(env(db), tmp));
            Path out = tmp.resolve("out-two");
            Process a = worker(jar, "two-a");
            Process b = worker(jar, "two-b");
            PipelineProcess.Result r = jar.run("catch-up", "--from", DATES[0], "--to", DATES[2], "--input",
                    in.toString(), "--output", out.toString(), "--partitions", "3", "--workers");
            assertThat(r.exitCode()).as(r.output()).isZero();
            assertSameOutputs(out, DATES);

            String logs = log("two-a") + log("two-b");
            for (String d : DATES) {
                for (int i = 0; i < 3; i++) {
                    assertThat(logs).contains("took partition night=" + d + " step=" + PARTITION_STEP
                            + " partition=partition" + i);
                    assertThat(logs).contains("took partition night=" + d + " step="
                            + PartitionPlan.INGEST_SPEND.worker() + " partition=partition" + i);
                }
            }
            assertThat(logs).contains("finished partition night=" + DATES[0] + " step=" + PARTITION_STEP)
                    .contains("COMPLETED: rows read");
            assertThat(log("two-a")).as("both workers took partitions").contains("took partition");
            assertThat(log("two-b")).contains("took partition");

            String status = jar.run("status", "--date", DATES[0]).output();
            for (int i = 0; i < 3; i++) {
                assertThat(status).contains("partition" + i);
            }
            assertThat(status).containsAnyOf(":" + a.pid(), ":" + b.pid());

            b.destroy(); // SIGTERM, idle: it exits at once, with 0
            assertThat(b.waitFor(60, TimeUnit.SECONDS)).isTrue();
            assertThat(b.exitValue()).as(log("two-b")).isZero();
        }
    }

    @Test
    void aPartitionWhoseWorkerIsKilledIsTakenOverAndTheNightCompletes() throws Exception {
        try (TestDatabase db = TestDatabase.fresh(tmp, "remote_kill")) {
            PipelineProcess jar = migrated(new PipelineProcess(env(db), tmp));
            Path out = tmp.resolve("out-kill");
            Map<String, Process> workers = Map.of("kill-a", worker(jar, "kill-a"), "kill-b", worker(jar, "kill-b"));
            Path managerLog = tmp.resolve("kill-manager.log");
            Process manager = start(jar, managerLog, "run", "--date", DATES[0], "--input", in.toString(), "--output",
                    out.toString(), "--partitions", "3", "--workers");
            long execution = partitionWithCommits(db.jdbc(), manager, managerLog);
            String victim = workers.keySet().stream().filter(w -> log(w).contains("(execution " + execution))
                    .findFirst().orElseThrow();
            workers.get(victim).destroyForcibly(); // SIGKILL: its delivery goes back to the queue
            assertThat(manager.waitFor(4, TimeUnit.MINUTES)).isTrue();
            assertThat(manager.exitValue()).as(Files.readString(managerLog)).isZero();
            assertSameOutputs(out, DATES[0]);
            String survivor = victim.equals("kill-a") ? "kill-b" : "kill-a";
            assertThat(log(survivor)).contains("taking it over from its last committed chunk")
                    .contains("(execution " + execution + ", resuming after");
            assertThat(db.jdbc().queryForObject("SELECT COUNT(*) FROM BATCH_STEP_EXECUTION WHERE STATUS IN"
                    + " ('STARTING','STARTED')", Integer.class)).isZero();
        }
    }

    @Test
    void requestsLeftByACrashedNightAreDroppedAndTheRestartCompletesIt() throws Exception {
        try (TestDatabase db = TestDatabase.fresh(tmp, "remote_stale")) {
            PipelineProcess jar = migrated(new PipelineProcess(env(db), tmp));
            Path out = tmp.resolve("out-stale");
            Process only = worker(jar, "stale-a");
            Path managerLog = tmp.resolve("stale-manager.log");
            Process manager = start(jar, managerLog, "run", "--date", DATES[0], "--input", in.toString(), "--output",
                    out.toString(), "--partitions", "3", "--workers");
            partitionWithCommits(db.jdbc(), manager, managerLog);
            manager.destroyForcibly(); // both die: three requests stay in the queue (one redelivered, two never taken)
            only.destroyForcibly();
            assertThat(manager.waitFor(30, TimeUnit.SECONDS) && only.waitFor(30, TimeUnit.SECONDS)).isTrue();

            Path restartLog = tmp.resolve("stale-restart.log");
            Process restart = start(jar, restartLog, "restart", "--date", DATES[0]);
            worker(jar, "stale-b");
            worker(jar, "stale-c");
            assertThat(restart.waitFor(4, TimeUnit.MINUTES)).isTrue();
            assertThat(restart.exitValue()).as(Files.readString(restartLog)).isZero();
            assertThat(Files.readString(restartLog)).contains("recovering");
            String logs = log("stale-b") + log("stale-c");
            assertThat(Pattern.compile("dropped stale request").matcher(logs).results().count())
                    .as(logs).isEqualTo(3);
            assertThat(jar.run("run", "--date", DATES[1], "--input", in.toString(), "--output", out.toString(),
                    "--partitions", "3", "--workers").exitCode()).isZero();
            assertSameOutputs(out, DATES[0], DATES[1]);
        }
    }

    @Test
    void aNightNoWorkerTakesFailsWithinThePartitionTimeoutAndRestartsOnWorkers() throws Exception {
        try (TestDatabase db = TestDatabase.fresh(tmp, "remote_none")) {
            Map<String, String> env = env(db);
            env.put("PIPELINE_PARTITION_TIMEOUT", "5s");
            PipelineProcess jar = new PipelineProcess(env, tmp);
            Path out = tmp.resolve("out-none");
            PipelineProcess.Result alone = jar.run("run", "--date", DATES[0], "--input", in.toString(), "--output",
                    out.toString(), "--partitions", "3", "--workers");
            assertThat(alone.exitCode()).as(alone.output()).isEqualTo(1);
            // the night's first partitioned step is spend posting: nothing of it ran
            assertThat(alone.output()).contains("no worker took partition " + PartitionPlan.INGEST_SPEND.worker()
                    + ":partition0 within PT5S");
            assertThat(db.jdbc().queryForObject("SELECT COUNT(*) FROM BATCH_STEP_EXECUTION WHERE STATUS IN"
                    + " ('STARTING','STARTED')", Integer.class)).as("nothing left running").isZero();

            worker(jar, "none-a");
            PipelineProcess.Result restarted = jar.run("restart", "--date", DATES[0]);
            assertThat(restarted.exitCode()).as(restarted.output()).isZero();
            assertThat(Pattern.compile("dropped stale request").matcher(log("none-a")).results().count())
                    .as("the failed night's three requests").isEqualTo(3);
            assertSameOutputs(out, DATES[0]);
        }
    }

    @Test
    void workersWithoutABrokerAreAConfigurationError() throws Exception {
        try (TestDatabase db = TestDatabase.fresh(tmp, "remote_nobroker")) {
            Map<String, String> env = env(db);
            env.put("SPRING_RABBITMQ_PORT", "1");
            PipelineProcess jar = new PipelineProcess(env, tmp);
            PipelineProcess.Result run = jar.run("run", "--date", DATES[0], "--input", in.toString(), "--output",
                    tmp.resolve("out-nobroker").toString(), "--partitions", "2", "--workers");
            assertThat(run.exitCode()).as(run.output()).isEqualTo(2);
            assertThat(run.output()).contains("no message broker reachable at 127.0.0.1:1");
            JdbcTemplate jdbc = db.jdbc();
            assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM BATCH_JOB_EXECUTION", Integer.class)).isZero();
            assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM input_file", Integer.class)).isZero();
            PipelineProcess.Result worker = jar.run("worker");
            assertThat(worker.exitCode()).as(worker.output()).isEqualTo(2);
            assertThat(worker.output()).contains("127.0.0.1:1");
        }
    }

    /** Waits until a partition has committed chunks while the night runs; returns its step execution id. */
    private long partitionWithCommits(JdbcTemplate jdbc, Process manager, Path managerLog) throws Exception {
        long deadline = System.nanoTime() + Duration.ofMinutes(3).toNanos();
        while (System.nanoTime() < deadline) {
            List<Long> ids = jdbc.queryForList("SELECT STEP_EXECUTION_ID FROM BATCH_STEP_EXECUTION WHERE STEP_NAME LIKE ?"
                    + " AND STATUS = 'STARTED' AND COMMIT_COUNT >= 2", Long.class, PARTITION_STEP + ":%");
            if (!ids.isEmpty()) {
                return ids.get(0);
            }
            assertThat(manager.isAlive()).as(Files.readString(managerLog)).isTrue();
            Thread.sleep(50);
        }
        throw new AssertionError("no partition committed chunks within 3 minutes:\n" + Files.readString(managerLog));
    }

    /** Workers never migrate the shared database: the manager's jar does, on its first command. */
    private PipelineProcess migrated(PipelineProcess jar) throws Exception {
        PipelineProcess.Result status = jar.run("status");
        assertThat(status.exitCode()).as(status.output()).isZero();
        return jar;
    }

    private Process worker(PipelineProcess jar, String name) throws Exception {
        Path log = tmp.resolve(name + ".log");
        Process p = start(jar, log, "worker");
        PipelineProcess.awaitLog(log, "takes partitions from queue " + queue, p, Duration.ofMinutes(2));
        return p;
    }

    private Process start(PipelineProcess jar, Path log, String... args) throws IOException {
        Process p = jar.start(log, args);
        started.add(p);
        return p;
    }

    private String log(String worker) {
        try {
            return Files.readString(tmp.resolve(worker + ".log"), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    private Map<String, String> env(TestDatabase db) {
        Map<String, String> env = new HashMap<>(db.env());
        env.put("PIPELINE_PARTITION_QUEUE", queue);
        env.put("PIPELINE_CHUNK_SIZE_CLASSIFYACCOUNTS", "10"); // partitions of many chunks, to be killed in
        env.put("PIPELINE_PARTITION_POLL_INTERVAL", "200ms");
        env.put("PIPELINE_PARTITION_TAKEOVER_AFTER", "3s");
        env.put("PIPELINE_PARTITION_TIMEOUT", "90s");
        return env;
    }

    private void assertSameOutputs(Path actual, String... dates) throws IOException {
        for (String d : dates) {
            String day = d.replace("-", "");
            for (String file : FILES) {
                Path expected = reference.resolve(day).resolve(file);
                assertThat(Files.mismatch(actual.resolve(day).resolve(file), expected)).as(day + "/" + file)
                        .isEqualTo(-1L);
            }
        }
    }

    private static ConnectionFactory broker() {
        ConnectionFactory f = new ConnectionFactory();
        f.setHost("127.0.0.1");
        f.setPort(5672);
        return f;
    }

    private static boolean brokerUp() {
        try (Connection c = broker().newConnection()) {
            return c.isOpen();
        } catch (Exception e) {
            return false;
        }
    }

    private static String[] accounts() {
        List<String> rows = new ArrayList<>();
        for (int i = 0; i < ACCOUNTS; i++) {
            rows.add("A" + i + ",S" + (i % 300) + "," + (i % 5 == 0 ? "JPY" : "USD") + ",2025-01-01,"
                    + (i % 17 == 0 ? "Y" : "N"));
        }
        return rows.toArray(String[]::new);
    }

    /** Charges on many accounts, some late (so debt ages into stages), some to unknown accounts, a few repeated. */
    private static String[] spend(String date, int rows) {
        List<String> out = new ArrayList<>();
        for (int i = 0; i < rows; i++) {
            int account = (i * 7919) % (ACCOUNTS + 40);
            boolean jpy = account % 5 == 0 && account < ACCOUNTS;
            String chargeDate = i % 3 == 0 ? String.format("2026-%02d-1%d", 8 + i % 3, i % 10) : date;
            String amount = jpy ? Integer.toString(100 + i % 900) : (5 + i % 400) + "." + String.format("%02d", i % 100);
            String id = i % 499 == 7 ? "C" + date + "-" + (i - 7) : "C" + date + "-" + i;
            out.add(id + ",A" + account + ",K" + (i % 13) + "," + chargeDate + "," + (1 + i % 50) + "," + amount + ","
                    + (jpy ? "JPY" : "USD"));
        }
        return out.toArray(String[]::new);
    }
}
