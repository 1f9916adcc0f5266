package com.p4p.arrears.ops;

import java.io.PrintStream;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.Map;
import java.util.Optional;

import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.boot.SpringApplication;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.Environment;

import com.p4p.arrears.db.BulkPathListener;
import com.p4p.arrears.ArrearsPipelineApplication;
import com.p4p.arrears.partition.PartitionPlan;
import com.p4p.arrears.partition.PartitionStatus;
import com.p4p.arrears.policy.PolicyException;
import com.p4p.arrears.policy.PolicyLoader;

/**
 * The command line of SPEC 9. Arguments and the policy are checked before the database is touched,
 * so a usage or configuration error (exit 2) changes nothing.
 */
public final class ArrearsCommandLine {

    /** How long SIGTERM waits for the running step to reach a chunk boundary. */
    private static final long GRACE_SECONDS = Long.getLong("pipeline.shutdown-grace-seconds", 120);

    /** The setting that gives the partitions of a night run without --partitions. */
    public static final String PARTITIONS_SETTING = "pipeline.partitions";

    private final PrintStream out;
    private final PrintStream err;
    private final boolean installShutdownHook;

    public ArrearsCommandLine(PrintStream out, PrintStream err, boolean installShutdownHook) {
        this.out = out;
        this.err = err;
        this.installShutdownHook = installShutdownHook;
    }

    public static void main(String[] args) {
        System.exit(new ArrearsCommandLine(System.out, System.err, true).execute(args));
    }

    public int execute(String[] args) {
        if (args.length == 1 && (args[0].equals("--help") || args[0].equals("-h") || args[0].equals("help"))) {
            CommandLineArgs.USAGE.forEach(out::println);
            return ExitCode.COMPLETED.code;
        }
        CommandLineArgs cli;
        try {
            cli = CommandLineArgs.parse(args);
            cli.atLeastOne("partitions");
            if (cli.get("policy") != null) {
                PolicyLoader.load(Path.of(cli.get("policy")));
            }
        } catch (CommandLineArgs.UsageException e) {
            err.println("error: " + e.getMessage());
            CommandLineArgs.USAGE.forEach(err::println);
            return ExitCode.USAGE.code;
        } catch (PolicyException e) {
            err.println("error: " + e.getMessage());
            return ExitCode.USAGE.code;
        }
        GracefulShutdown shutdown = null;
        int code;
        // explain and what-if answer on stdout (explain --json is read by programs): their logs go to stderr
        PrintStream stdout = System.out;
        if (AnalysisCommands.handles(cli)) {
            System.setOut(System.err);
        }
        try (ConfigurableApplicationContext context = start()) {
            shutdown = context.getBean(GracefulShutdown.class);
            if (installShutdownHook) {
                shutdown.install(GRACE_SECONDS);
            }
            code = (AnalysisCommands.handles(cli) ? AnalysisCommands.run(cli, context, out)
                    : cli.command.equals("lift") ? new LiftCommand(out, err).lift(cli, context)
                    : dispatch(cli, context, context.getBean(NightlyRunner.class))).code;
            if (cli.command.equals("status")) {
                new LiftCommand(out, err).status(context);
            }
        } catch (CommandLineArgs.UsageException e) {
            err.println("error: " + e.getMessage());
            code = ExitCode.USAGE.code;
        } catch (RunRefusedException e) {
            err.println(e.getMessage());
            code = ExitCode.REFUSED.code;
        } catch (Exception e) {
            String message = RunSummaryListener.rootMessage(e);
            err.println("error: " + message);
            // the embedded database is open in another process: a night is running there
            code = message.contains("already in use") ? ExitCode.REFUSED.code : ExitCode.FAILED.code;
        }
        System.setOut(stdout);
        if (shutdown != null) {
            shutdown.finished(code); // a signal arriving now exits with this code
        }
        return code;
    }

    private ConfigurableApplicationContext start() {
        SpringApplication app = new SpringApplication(ArrearsPipelineApplication.class);
        // GracefulShutdown stops the job first; Spring's hook would close the database under it
        app.setRegisterShutdownHook(!installShutdownHook);
        return app.run();
    }

    private ExitCode dispatch(CommandLineArgs cli, ConfigurableApplicationContext context, NightlyRunner runner)
            throws Exception {
        return switch (cli.command) {
            case "run" -> outcome(runner.run(new RunParameters(cli.date("date", true), Path.of(cli.required("input")),
                    Path.of(cli.required("output")), cli.get("policy"), partitions(cli, context.getEnvironment()))));
            case "catch-up" -> catchUp(cli, runner, partitions(cli, context.getEnvironment()));
            case "restart" -> outcome(runner.restart(cli.date("date", true)));
            case "status" -> status(runner, context.getBean(JobRepository.class), cli.date("date", false));
            case "stop" -> {
                JobExecution e = runner.stop(cli.date("date", true));
                out.println("stop requested for " + cli.date("date", true) + " (execution " + e.getId()
                        + "): it stops at its next chunk boundary and ends STOPPED; restart resumes it");
                yield ExitCode.COMPLETED;
            }
            case "abandon" -> {
                JobExecution e = runner.abandon(cli.date("date", true));
                out.println(cli.date("date", true) + " abandoned (execution " + e.getId() + "): it can never be restarted");
                yield ExitCode.COMPLETED;
            }
            default -> throw new CommandLineArgs.UsageException("unknown command " + cli.command);
        };
    }

    /** --partitions, else the setting pipeline.partitions, else 1 (SPEC 12). */
    private static int partitions(CommandLineArgs cli, Environment environment) {
        Integer given = cli.atLeastOne("partitions");
        if (given != null) {
            return given;
        }
        String setting = environment.getProperty(PARTITIONS_SETTING);
        return setting == null ? 1 : CommandLineArgs.atLeastOne(PARTITIONS_SETTING, setting);
    }

    private ExitCode catchUp(CommandLineArgs cli, NightlyRunner runner, int partitions) throws Exception {
        LocalDate to = cli.date("to", true);
        LocalDate from = cli.date("from", false);
        Optional<LocalDate> lastComplete = NightlyRunner.lastCompleteDate(runner.nights());
        if (lastComplete.isEmpty() && from == null) {
            throw new CommandLineArgs.UsageException("no date was ever completed: catch-up needs --from");
        }
        // --from only says where an empty ledger starts; after that the next date is fixed, so a
        // scheduler may pass it every night (jobs/nightly.sh does)
        LocalDate next = lastComplete.map(d -> d.plusDays(1)).orElse(from);
        if (from != null && lastComplete.isPresent() && !from.equals(next)) {
            out.println("--from " + from + " ignored: dates are complete up to " + lastComplete.get()
                    + ", so catch-up continues at " + next);
        }
        if (next.isAfter(to)) {
            out.println("nothing to catch up: " + lastComplete.orElse(next) + " is complete");
            return ExitCode.COMPLETED;
        }
        for (LocalDate d = next; !d.isAfter(to); d = d.plusDays(1)) {
            ExitCode code = outcome(runner.run(new RunParameters(d, Path.of(cli.required("input")),
                    Path.of(cli.required("output")), cli.get("policy"), partitions)));
            if (code != ExitCode.COMPLETED) {
                return code;
            }
        }
        return ExitCode.COMPLETED;
    }

    private ExitCode outcome(JobExecution execution) {
        LocalDate date = execution.getJobParameters().getLocalDate(RunParameters.BUSINESS_DATE);
        if (execution.getStatus() == BatchStatus.COMPLETED) {
            out.println("night " + date + " completed");
            return ExitCode.COMPLETED;
        }
        err.println("night " + date + " " + execution.getStatus() + failure(execution)
                + "; resume it with: restart --date " + date);
        return ExitCode.FAILED;
    }

    private ExitCode status(NightlyRunner runner, JobRepository repository, LocalDate only) {
        Map<LocalDate, NightlyRunner.Night> nights = runner.nights();
        if (only != null && !nights.containsKey(only)) {
            out.println(only + " never ran");
            return ExitCode.COMPLETED;
        }
        if (nights.isEmpty()) {
            out.println("no night has run yet");
        }
        DateTimeFormatter time = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");
        boolean live = runner.isRunningSomewhere();
        for (LocalDate date : nights.keySet()) {
            if (only != null && !only.equals(date)) {
                continue;
            }
            JobExecution e = runner.lastExecution(date);
            out.printf("%s  %-9s execution %d  started %s  ended %s%s%n", date, e.getStatus(), e.getId(),
                    e.getStartTime() == null ? "-" : time.format(e.getStartTime()),
                    e.getEndTime() == null ? "-" : time.format(e.getEndTime()), failure(e)
                            + (e.isRunning() && !live ? "  (no process is running it: it was killed; restart recovers it)" : ""));
            if (only != null) {
                String bulkPath = BulkPathListener.recorded(e);
                if (bulkPath != null) {
                    out.printf("    bulk writes: %s%n", bulkPath);
                }
                for (StepExecution s : e.getStepExecutions()) {
                    if (PartitionPlan.isPartition(s.getStepName())) {
                        continue; // listed under its step, below
                    }
                    out.printf("    %-20s %-9s read %d, written %d, committed chunks %d%s%n", s.getStepName(),
                            s.getStatus(), s.getReadCount(), s.getWriteCount(), s.getCommitCount(),
                            s.getFailureExceptions().isEmpty() ? ""
                                    : "  failure: " + RunSummaryListener.rootMessage(s.getFailureExceptions().get(0)));
                    for (PartitionStatus.Partition p : PartitionStatus.of(repository, e, s)) {
                        out.printf("      %-18s %-9s read %d, written %d, worker %s, %s%s%n", p.name(),
                                p.status() == null ? "NOT RUN" : p.status(), p.read(), p.written(), p.worker(),
                                p.range(), p.failure().isEmpty() ? "" : "  failure: " + p.failure());
                    }
                }
            }
        }
        return ExitCode.COMPLETED;
    }

    private static String failure(JobExecution e) {
        String exit = e.getExitStatus().getExitDescription();
        if (exit == null || exit.isBlank()) {
            return "";
        }
        // the first line of the recorded stack trace, without the exception's class name
        String firstLine = exit.lines().findFirst().orElse("").replaceFirst("^[\\w.$]+(Exception|Error): ", "");
        return ": " + firstLine;
    }
}
