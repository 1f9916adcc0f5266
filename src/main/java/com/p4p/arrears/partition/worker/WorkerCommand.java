package com.p4p.arrears.partition.worker;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;

import javax.sql.DataSource;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.springframework.boot.SpringApplication;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.Lifecycle;

import com.p4p.arrears.ArrearsPipelineApplication;
import com.p4p.arrears.db.Databases;
import com.p4p.arrears.ops.CommandLineArgs;
import com.p4p.arrears.ops.ExitCode;

/**
 * {@code worker [--threads K]}: takes partitions of any night from the broker until it is stopped.
 * Before it listens it checks what would make it run the wrong thing or nothing at all (exit 2):
 * a shared database (not the embedded H2, which one process opens), the schema version of this jar,
 * a reachable broker. SIGTERM: it takes nothing new, its running partitions stop after their
 * current chunk (they end STOPPED, so their night ends STOPPED and {@code restart} resumes them) and
 * it exits 0; SIGKILL: the broker gives its partitions to another worker, which takes them over.
 */
public final class WorkerCommand {

    private static final Log log = LogFactory.getLog("worker");

    private final PrintStream err;

    public WorkerCommand(PrintStream err) {
        this.err = err;
    }

    /** Runs until SIGTERM (then the JVM exits from the shutdown hook); returns only on a start-up error. */
    public int run(CommandLineArgs cli) {
        int threads = threads(cli);
        SpringApplication app = new SpringApplication(ArrearsPipelineApplication.class);
        app.setAdditionalProfiles("worker");
        app.setRegisterShutdownHook(false); // ours stops the partitions first
        List<String> settings = new ArrayList<>(List.of("--spring.flyway.enabled=false",
                "--pipeline.worker.threads=" + threads));
        if (System.getenv("SPRING_DATASOURCE_HIKARI_MAXIMUMPOOLSIZE") == null
                && System.getProperty("spring.datasource.hikari.maximum-pool-size") == null) {
            // each partition holds its chunk's connection and may stream a read on another
            settings.add("--spring.datasource.hikari.maximum-pool-size=" + Math.max(8, 2 * threads + 4));
        }
        ConfigurableApplicationContext context = app.run(settings.toArray(String[]::new));
        try {
            DataSource dataSource = context.getBean(DataSource.class);
            if (Databases.isH2(dataSource)) {
                throw new CommandLineArgs.UsageException("a worker shares the manager's database: set"
                        + " SPRING_DATASOURCE_URL (MySQL/MariaDB); the embedded H2 database is one process's");
            }
            SchemaVersionCheck.check(dataSource, context.getEnvironment()
                    .getProperty("spring.flyway.locations", "classpath:db/migration"));
            BrokerCheck broker = context.getBean(BrokerCheck.class);
            broker.check();
            Lifecycle inbound = context.getBean(WorkerConfiguration.INBOUND, Lifecycle.class);
            GuardedRequestHandler handler = context.getBean(GuardedRequestHandler.class);
            CountDownLatch forever = new CountDownLatch(1);
            Runtime.getRuntime().addShutdownHook(new Thread(() -> stop(handler, inbound, context), "worker-shutdown"));
            inbound.start();
            log.info("worker " + context.getBean(WorkerLog.class).name() + " takes partitions from queue "
                    + context.getEnvironment().getProperty("pipeline.partition-queue", "arrears.partitions") + " at "
                    + broker.address() + " with " + threads + " thread" + (threads == 1 ? "" : "s"));
            forever.await();
            return ExitCode.COMPLETED.code;
        } catch (CommandLineArgs.UsageException e) {
            err.println("error: " + e.getMessage());
            context.close();
            return ExitCode.USAGE.code;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            context.close();
            return ExitCode.FAILED.code;
        }
    }

    private static void stop(GuardedRequestHandler handler, Lifecycle inbound, ConfigurableApplicationContext context) {
        log.warn("shutdown signal: taking no new partition; running ones stop after their current chunk");
        handler.stopRunning();
        inbound.stop(); // waits (pipeline.shutdown-grace-seconds) for the running partitions to end
        context.close();
        log.info("worker stopped");
        Runtime.getRuntime().halt(ExitCode.COMPLETED.code);
    }

    private static int threads(CommandLineArgs cli) {
        String value = cli.get("threads");
        if (value == null) {
            return 1;
        }
        try {
            int threads = Integer.parseInt(value);
            if (threads >= 1) {
                return threads;
            }
        } catch (NumberFormatException e) {
            // below
        }
        throw new CommandLineArgs.UsageException("--threads must be a whole number of 1 or more, got " + value);
    }
}
