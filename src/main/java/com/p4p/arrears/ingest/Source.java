package com.p4p.arrears.ingest;

import java.nio.file.Path;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Set;

/** The input files of a business date (SPEC 2), in the order a run reads them. */
public enum Source {
    ACCOUNTS("accounts", true, null,
            List.of("account_id", "store_id", "currency", "opened_date", "enforcement_hold"),
            Set.of("enforcement_hold")),
    SPEND("spend", true, "amount",
            List.of("charge_id", "account_id", "campaign_id", "charge_date", "clicks", "amount", "currency"),
            Set.of()),
    PAYMENTS("payments", true, "amount",
            List.of("payment_id", "account_id", "type", "amount", "currency", "channel", "paid_date", "original_payment_id"),
            Set.of("original_payment_id")),
    BALANCES("balances", false, "balance",
            List.of("account_id", "balance", "currency"),
            Set.of());

    public static final DateTimeFormatter FILE_DATE = DateTimeFormatter.BASIC_ISO_DATE;

    private final String code;
    private final boolean required;
    private final String amountColumn;
    private final List<String> columns;
    private final Set<String> optionalColumns;

    Source(String code, boolean required, String amountColumn, List<String> columns, Set<String> optionalColumns) {
        this.code = code;
        this.required = required;
        this.amountColumn = amountColumn;
        this.columns = columns;
        this.optionalColumns = optionalColumns;
    }

    /** The name used in file names, rejects, breaks and the summary. */
    public String code() {
        return code;
    }

    public boolean required() {
        return required;
    }

    /** The column the trailer's control total sums; null for the accounts file. */
    public String amountColumn() {
        return amountColumn;
    }

    public List<String> columns() {
        return columns;
    }

    /**
     * Columns whose values may be empty may also be left out of the header (read as empty);
     * every other column must be in it.
     */
    public boolean columnRequired(String column) {
        return !optionalColumns.contains(column);
    }

    public String fileName(LocalDate businessDate) {
        return code + "_" + FILE_DATE.format(businessDate) + ".csv";
    }

    public Path file(Path inputDir, LocalDate businessDate) {
        return inputDir.resolve(fileName(businessDate));
    }
}
