package com.p4p.arrears.ops;

import java.io.PrintStream;

import org.springframework.context.ApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

import com.p4p.arrears.policy.PolicyException;
import com.p4p.arrears.policy.PolicyProvider;

/** The read-only commands of SPEC 11, kept out of the nightly command line's dispatch. */
public final class AnalysisCommands {

    private AnalysisCommands() {
    }

    public static boolean handles(CommandLineArgs cli) {
        return cli.command.equals("explain") || cli.command.equals("what-if");
    }

    public static ExitCode run(CommandLineArgs cli, ApplicationContext context, PrintStream out) throws Exception {
        NightlyRunner runner = context.getBean(NightlyRunner.class);
        JdbcTemplate jdbc = context.getBean(JdbcTemplate.class);
        PolicyProvider policies = context.getBean(PolicyProvider.class);
        try {
            return switch (cli.command) {
                case "explain" -> new ExplainCommand(runner, jdbc, policies, out).run(cli);
                case "what-if" -> new WhatIfCommand(runner, jdbc, context.getBean(javax.sql.DataSource.class), policies,
                        out).run(cli);
                default -> throw new CommandLineArgs.UsageException("unknown command " + cli.command);
            };
        } catch (PolicyException e) {
            // a night's policy file that is gone or now invalid is a configuration error, not a failed run
            throw new CommandLineArgs.UsageException("a night's policy cannot be used: " + e.getMessage());
        }
    }
}
