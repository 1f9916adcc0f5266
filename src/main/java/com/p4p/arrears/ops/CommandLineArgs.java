package com.p4p.arrears.ops;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** `COMMAND --option value ...`, checked against the options each command takes. */
public final class CommandLineArgs {

    private static final Map<String, Set<String>> OPTIONS = Map.of(
            "run", Set.of("date", "input", "output", "policy", "partitions"),
            "catch-up", Set.of("from", "to", "input", "output", "policy", "partitions"),
            "restart", Set.of("date"),
            "status", Set.of("date"),
            "stop", Set.of("date"),
            "abandon", Set.of("date"),
            "explain", Set.of("account", "json"),
            "what-if", Set.of("policy", "output", "from", "to"),
            "lift", Set.of("input", "output", "policy"));

    /** Options that take no value: present or not. */
    private static final Set<String> FLAGS = Set.of("json");

    public final String command;
    private final Map<String, String> options;

    private CommandLineArgs(String command, Map<String, String> options) {
        this.command = command;
        this.options = options;
    }

    public static CommandLineArgs parse(String[] args) {
        if (args.length == 0) {
            throw new UsageException("no command given");
        }
        String command = args[0];
        Set<String> allowed = OPTIONS.get(command);
        if (allowed == null) {
            throw new UsageException("unknown command: " + command);
        }
        Map<String, String> options = new HashMap<>();
        for (int i = 1; i < args.length; i += 2) {
            String name = args[i].startsWith("--") ? args[i].substring(2) : null;
            if (name == null || !allowed.contains(name)) {
                throw new UsageException(command + " does not take " + args[i]);
            }
            if (FLAGS.contains(name)) {
                if (options.put(name, "true") != null) {
                    throw new UsageException("--" + name + " is given twice");
                }
                i--; // a flag has no value to skip
                continue;
            }
            if (i + 1 >= args.length || args[i + 1].startsWith("--")) {
                throw new UsageException("--" + name + " needs a value");
            }
            if (options.put(name, args[i + 1]) != null) {
                throw new UsageException("--" + name + " is given twice");
            }
        }
        return new CommandLineArgs(command, options);
    }

    public String get(String name) {
        return options.get(name);
    }

    /** Whether a flag (an option without a value, such as --json) was given. */
    public boolean flag(String name) {
        return options.containsKey(name);
    }

    public String required(String name) {
        String value = options.get(name);
        if (value == null) {
            throw new UsageException(command + " needs --" + name);
        }
        return value;
    }

    public LocalDate date(String name, boolean required) {
        String value = required ? required(name) : options.get(name);
        if (value == null) {
            return null;
        }
        try {
            return LocalDate.parse(value);
        } catch (DateTimeParseException e) {
            throw new UsageException("--" + name + " must be a date yyyy-MM-dd, got " + value);
        }
    }

    /** A whole number of at least 1 ({@code --partitions}), or null when not given. */
    public Integer atLeastOne(String name) {
        String value = options.get(name);
        return value == null ? null : atLeastOne("--" + name, value);
    }

    /** {@code value} of {@code what} (an option or a setting) as a whole number of at least 1. */
    public static int atLeastOne(String what, String value) {
        try {
            int n = Integer.parseInt(value.trim());
            if (n >= 1) {
                return n;
            }
        } catch (NumberFormatException e) {
            // the message below says what is wanted
        }
        throw new UsageException(what + " must be a whole number of at least 1, got " + value);
    }

    public static final List<String> USAGE = List.of(
            "usage: java -jar target/arrears-pipeline.jar COMMAND [options]",
            "  run      --date D --input DIR --output DIR [--policy FILE] [--partitions N]",
            "                                        run one business date",
            "  catch-up [--from D] --to D --input DIR --output DIR [--policy FILE] [--partitions N]",
            "                                        run every missing date up to D, in order",
            "           --partitions N               split the partitionable steps into N partitions on N threads",
            "                                        (default pipeline.partitions, else 1; a restart keeps the night's)",
            "  restart  --date D                     resume a failed or stopped date from its failed step",
            "  status   [--date D]                   state of every date (or one, step by step)",
            "  stop     --date D                     stop a running date at its next chunk boundary (ends STOPPED)",
            "  abandon  --date D                     give a failed or stopped date up for good (never restartable)",
            "  explain  --account A [--json]         why account A has its row in the last completed night's account_status.csv",
            "  what-if  --policy FILE --output DIR [--from D1] [--to D2]",
            "                                        replay every completed night with another policy and compare (read-only)",
            "  lift     --input FILE --output DIR [--policy FILE]",
            "                                        post an intraday payments_yyyyMMdd_HHmmss.csv of the open date",
            "                                        and lift enforcement where it now allows (SPEC 13)",
            "database: SPRING_DATASOURCE_URL / _USERNAME / _PASSWORD; default an embedded H2 under ./data/",
            "exit codes: 0 completed, 1 failed (restartable), 2 usage or configuration error,",
            "            3 refused (already complete, out of order, already running)");

    /** A command line the program cannot act on. */
    public static class UsageException extends RuntimeException {
        public UsageException(String message) {
            super(message);
        }
    }
}
