package com.p4p.arrears.ops;

import java.io.PrintStream;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;

import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.context.ApplicationContext;

/**
 * {@code lift --input FILE --output DIR [--policy FILE]} (SPEC 13), and the open date's lifts for
 * {@code status}. Exit codes as for a night: 0 lifted, 1 failed (lift the same file again to resume),
 * 3 refused (not the open date, already lifted, a night or another lift running; nothing changed).
 */
final class LiftCommand {

    private final PrintStream out;
    private final PrintStream err;

    LiftCommand(PrintStream out, PrintStream err) {
        this.out = out;
        this.err = err;
    }

    ExitCode lift(CommandLineArgs cli, ApplicationContext context) throws Exception {
        LiftParameters params = LiftParameters.of(Path.of(cli.required("input")), Path.of(cli.required("output")),
                cli.get("policy"));
        JobExecution e = context.getBean(LiftRunner.class).lift(params);
        String name = params.file().getFileName().toString();
        if (e.getStatus() == BatchStatus.COMPLETED) {
            out.println("lift " + name + " of " + params.businessDate() + " completed");
            return ExitCode.COMPLETED;
        }
        String failure = e.getAllFailureExceptions().isEmpty() ? ""
                : ": " + RunSummaryListener.rootMessage(e.getAllFailureExceptions().get(0));
        err.println("lift " + name + " " + e.getStatus() + failure + "; resume it by lifting the same file again");
        return ExitCode.FAILED;
    }

    /** The open business date's lifts, after the nights' status. */
    void status(ApplicationContext context) {
        LiftRunner lifts = context.getBean(LiftRunner.class);
        Optional<LocalDate> open = lifts.openDate();
        if (open.isEmpty()) {
            return;
        }
        List<LiftRunner.Lift> all = lifts.lifts(open.get());
        out.println("lifts of the open date " + open.get() + ": " + (all.isEmpty() ? "none" : all.size()));
        for (LiftRunner.Lift l : all) {
            out.printf("  %s  %-9s execution %d  %s%n", l.fileTime(), l.status(), l.executionId(),
                    Path.of(l.file()).getFileName());
        }
    }
}
