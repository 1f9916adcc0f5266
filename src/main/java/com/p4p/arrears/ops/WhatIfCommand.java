package com.p4p.arrears.ops;

import java.io.PrintStream;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import javax.sql.DataSource;

import org.springframework.batch.core.BatchStatus;
import org.springframework.jdbc.core.JdbcTemplate;

import com.p4p.arrears.db.Databases;
import com.p4p.arrears.policy.CurrencyRule;
import com.p4p.arrears.policy.Policy;
import com.p4p.arrears.policy.PolicyLoader;
import com.p4p.arrears.policy.PolicyProvider;
import com.p4p.arrears.report.WhatIfOutputs;
import com.p4p.arrears.report.WhatIfReplay;
import com.p4p.arrears.report.WhatIfStore;

/**
 * {@code what-if --policy FILE --output DIR [--from D1] [--to D2]} (SPEC 11): replays every completed
 * night with FILE and compares with what the nights produced. Read-only: SELECTs and the job
 * repository read as {@code status} reads it; no job is launched.
 */
public final class WhatIfCommand {

    private final NightlyRunner runner;
    private final JdbcTemplate jdbc;
    private final DataSource dataSource;
    private final PolicyProvider policies;
    private final PrintStream out;

    public WhatIfCommand(NightlyRunner runner, JdbcTemplate jdbc, DataSource dataSource, PolicyProvider policies,
                         PrintStream out) {
        this.runner = runner;
        this.jdbc = jdbc;
        this.dataSource = dataSource;
        this.policies = policies;
        this.out = out;
    }

    public ExitCode run(CommandLineArgs cli) {
        String file = cli.required("policy");
        Path output = Path.of(cli.required("output"));
        Policy whatIf = PolicyLoader.load(Path.of(file));
        LocalDate from = cli.date("from", false);
        LocalDate to = cli.date("to", false);

        List<WhatIfReplay.Night> nights = new ArrayList<>();
        for (Map.Entry<LocalDate, NightlyRunner.Night> e : runner.nights().entrySet()) {
            if (e.getValue().status() != BatchStatus.COMPLETED) {
                continue;
            }
            String path = runner.lastExecution(e.getKey()).getJobParameters().getString(RunParameters.POLICY);
            Policy p = policies.get(path);
            sameCurrencies(whatIf, file, p, e.getKey());
            nights.add(new WhatIfReplay.Night(e.getKey(), path == null ? "" : path, p));
        }
        if (nights.isEmpty()) {
            throw new CommandLineArgs.UsageException("no night has completed yet: there is nothing to replay");
        }
        LocalDate first = nights.get(0).date();
        LocalDate last = nights.get(nights.size() - 1).date();
        LocalDate d1 = from == null ? first : from;
        LocalDate d2 = to == null ? last : to;
        if (d1.isAfter(d2) || d1.isBefore(first) || d2.isAfter(last)) {
            throw new CommandLineArgs.UsageException("--from " + d1 + " --to " + d2 + " is not a range of completed nights ("
                    + first + " .. " + last + ")");
        }
        WhatIfReplay.Result result = new WhatIfReplay(new WhatIfStore(jdbc, Databases.streaming(dataSource)), whatIf)
                .replay(nights, d1, d2);
        WhatIfOutputs.write(output, result, whatIf, file);
        out.println("what-if " + file + ": nights " + d1 + " .. " + d2 + " written to " + output + " ("
                + result.accounts().size() + " accounts treated differently on " + d2 + ")"
                + (result.notExact().isEmpty() ? "" : "; not replayed exactly: " + result.notExact()));
        return ExitCode.COMPLETED;
    }

    /** FILE must bill in the same currencies with the same minor digits as every night's policy. */
    private static void sameCurrencies(Policy whatIf, String file, Policy night, LocalDate date) {
        for (String code : night.currencyCodes()) {
            CurrencyRule mine = whatIf.currency(code).orElseThrow(() -> new CommandLineArgs.UsageException(
                    "what-if policy " + file + " lacks currency " + code + ", which the night of " + date + " ran with"));
            int digits = night.currency(code).orElseThrow().minorDigits();
            if (mine.minorDigits() != digits) {
                throw new CommandLineArgs.UsageException("what-if policy " + file + " gives currency " + code + " "
                        + mine.minorDigits() + " minor digits; the night of " + date + " ran with " + digits);
            }
        }
        for (String code : whatIf.currencyCodes()) {
            if (night.currency(code).isEmpty()) {
                throw new CommandLineArgs.UsageException("what-if policy " + file + " lists currency " + code
                        + ", which the night of " + date + " did not run with");
            }
        }
    }
}
