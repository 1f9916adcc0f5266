package com.p4p.arrears.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.List;

/**
 * Writes a business date's input files for a test, each with a header and a trailer computed from
 * its rows (the amount column is found by name; rows are simple comma-separated text).
 */
public final class NightFiles {

    public static final String ACCOUNTS = "account_id,store_id,currency,opened_date,enforcement_hold";
    public static final String SPEND = "charge_id,account_id,campaign_id,charge_date,clicks,amount,currency";
    public static final String PAYMENTS = "payment_id,account_id,type,amount,currency,channel,paid_date,original_payment_id";
    public static final String BALANCES = "account_id,balance,currency";

    private final Path dir;
    private final LocalDate date;

    public NightFiles(Path dir, LocalDate date) {
        this.dir = dir;
        this.date = date;
    }

    public NightFiles accounts(String... rows) {
        return write("accounts", ACCOUNTS, null, rows);
    }

    public NightFiles spend(String... rows) {
        return write("spend", SPEND, "amount", rows);
    }

    public NightFiles payments(String... rows) {
        return write("payments", PAYMENTS, "amount", rows);
    }

    public NightFiles balances(String... rows) {
        return write("balances", BALANCES, "balance", rows);
    }

    /** Writes a file exactly as given (header, rows and trailer are the caller's). */
    public NightFiles raw(String source, String content) {
        try {
            Files.writeString(file(source), content, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return this;
    }

    public Path file(String source) {
        return dir.resolve(source + "_" + date.format(DateTimeFormatter.BASIC_ISO_DATE) + ".csv");
    }

    private NightFiles write(String source, String header, String amountColumn, String... rows) {
        List<String> columns = List.of(header.split(","));
        BigDecimal total = BigDecimal.ZERO;
        for (String row : rows) {
            String[] f = row.split(",", -1);
            if (amountColumn != null && f.length == columns.size()
                    && f[columns.indexOf(amountColumn)].matches("[+-]?[0-9]+(\\.[0-9]+)?")) {
                total = total.add(new BigDecimal(f[columns.indexOf(amountColumn)]));
            }
        }
        StringBuilder s = new StringBuilder(header).append('\n');
        for (String row : rows) {
            s.append(row).append('\n');
        }
        s.append("TRAILER,").append(rows.length);
        if (amountColumn != null) {
            s.append(',').append(total.toPlainString());
        }
        s.append('\n');
        return raw(source, s.toString());
    }
}
