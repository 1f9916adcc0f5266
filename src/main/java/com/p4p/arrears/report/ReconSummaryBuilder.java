package com.p4p.arrears.report;

import java.math.BigDecimal;
import java.sql.Date;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.springframework.jdbc.core.JdbcTemplate;

import com.p4p.arrears.ingest.Source;
import com.p4p.arrears.policy.Policy;
import com.p4p.arrears.reconcile.BreakType;

/**
 * Builds the night's recon_summary (SPEC 8) from the ledger and the run's records, and checks the
 * invariants finance signs off on before anything is written: every row of every file has exactly
 * one disposition, the trailers' counts were all read, and each currency's closing balance equals
 * both opening + credits - debits and the sum of its accounts' balances.
 */
public class ReconSummaryBuilder {

    private static final String[] DISPOSITIONS = {"posted", "rejected", "duplicate", "conflict", "suspended", "currency_mismatch"};

    private final JdbcTemplate jdbc;
    private final Policy policy;

    public ReconSummaryBuilder(JdbcTemplate jdbc, Policy policy) {
        this.jdbc = jdbc;
        this.policy = policy;
    }

    public List<SummaryRow> build(LocalDate businessDate) {
        Date day = Date.valueOf(businessDate);
        List<SummaryRow> rows = new ArrayList<>();
        List<String> problems = new ArrayList<>();

        Map<String, Object[]> files = new HashMap<>();
        jdbc.query("SELECT source, data_rows, control_total FROM input_file WHERE business_date = ?",
                rs -> {
                    files.put(rs.getString(1), new Object[]{rs.getLong(2), rs.getString(3)});
                }, day);
        for (Source source : Source.values()) {
            Object[] file = files.get(source.code());
            if (file == null) {
                continue; // balances not delivered: not read this run
            }
            long[] t = jdbc.queryForObject("SELECT COUNT(*), COALESCE(SUM(rows_read),0), COALESCE(SUM(posted),0),"
                    + " COALESCE(SUM(rejected),0), COALESCE(SUM(duplicate),0), COALESCE(SUM(conflict),0),"
                    + " COALESCE(SUM(suspended),0), COALESCE(SUM(currency_mismatch),0) FROM ingest_tally"
                    + " WHERE business_date = ? AND source = ?", (rs, i) -> {
                        long[] v = new long[7];
                        for (int c = 0; c < 7; c++) {
                            v[c] = rs.getLong(c + 2);
                        }
                        return v;
                    }, day, source.code());
            String key = source.code();
            rows.add(new SummaryRow("rows", key, Long.toString(t[0])));
            long accounted = 0;
            for (int d = 0; d < DISPOSITIONS.length; d++) {
                rows.add(new SummaryRow(DISPOSITIONS[d], key, Long.toString(t[d + 1])));
                accounted += t[d + 1];
            }
            if (accounted != t[0]) {
                problems.add(key + ": " + t[0] + " rows read but " + accounted + " dispositions");
            }
            if (t[0] != (Long) file[0]) {
                problems.add(key + ": trailer vouched for " + file[0] + " rows but " + t[0] + " were read");
            }
            if (source == Source.SPEND || source == Source.PAYMENTS) {
                Long unsuspended = jdbc.queryForObject("SELECT COUNT(*) FROM suspense_item WHERE resolved_date = ?"
                        + " AND source = ?", Long.class, day, key);
                rows.add(new SummaryRow("unsuspended", key, Long.toString(unsuspended)));
            }
            if (source.amountColumn() != null) {
                rows.add(new SummaryRow("control_total", key, (String) file[1]));
            }
        }

        Map<String, BigDecimal[]> ledger = new HashMap<>();
        jdbc.query("SELECT currency, opening_balance, debits, credits, closing_balance FROM currency_day"
                + " WHERE business_date = ?", rs -> {
                    ledger.put(rs.getString(1), new BigDecimal[]{rs.getBigDecimal(2), rs.getBigDecimal(3),
                            rs.getBigDecimal(4), rs.getBigDecimal(5)});
                }, day);
        Map<String, BigDecimal[]> accounts = new HashMap<>();
        jdbc.query("SELECT a.currency, SUM(s.balance), SUM(s.owed) FROM account_state s JOIN account a"
                + " ON a.account_id = s.account_id GROUP BY a.currency", rs -> {
                    accounts.put(rs.getString(1), new BigDecimal[]{rs.getBigDecimal(2), rs.getBigDecimal(3)});
                });
        BigDecimal zero = BigDecimal.ZERO;
        for (String currency : policy.currencyCodes()) {
            BigDecimal[] l = ledger.getOrDefault(currency, new BigDecimal[]{zero, zero, zero, zero});
            BigDecimal[] a = accounts.getOrDefault(currency, new BigDecimal[]{zero, zero});
            if (l[0].add(l[2]).subtract(l[1]).compareTo(l[3]) != 0) {
                problems.add(currency + ": opening " + l[0] + " + credits " + l[2] + " - debits " + l[1]
                        + " != closing " + l[3]);
            }
            if (a[0].compareTo(l[3]) != 0) {
                problems.add(currency + ": closing balance " + l[3] + " != sum of account balances " + a[0]);
            }
            rows.add(new SummaryRow("opening_balance", currency, Formats.money(l[0], currency, policy)));
            rows.add(new SummaryRow("debits", currency, Formats.money(l[1], currency, policy)));
            rows.add(new SummaryRow("credits", currency, Formats.money(l[2], currency, policy)));
            rows.add(new SummaryRow("closing_balance", currency, Formats.money(l[3], currency, policy)));
            rows.add(new SummaryRow("owed", currency, Formats.money(a[1], currency, policy)));
        }

        Map<String, Long> breaks = new HashMap<>();
        jdbc.query("SELECT break_type, COUNT(*) FROM recon_break WHERE business_date = ? GROUP BY break_type",
                rs -> {
                    breaks.put(rs.getString(1), rs.getLong(2));
                }, day);
        for (BreakType type : BreakType.values()) {
            rows.add(new SummaryRow("breaks", type.name(), Long.toString(breaks.getOrDefault(type.name(), 0L))));
        }

        Map<String, Long> stages = new HashMap<>();
        jdbc.query("SELECT stage, COUNT(*) FROM account_state GROUP BY stage", rs -> {
            stages.put(rs.getString(1), rs.getLong(2));
        });
        for (String stage : policy.stageNames()) {
            rows.add(new SummaryRow("accounts", stage, Long.toString(stages.getOrDefault(stage, 0L))));
        }

        if (!problems.isEmpty()) {
            throw new IllegalStateException("reconciliation invariants broken for " + businessDate + ": "
                    + String.join("; ", problems));
        }
        rows.sort(Comparator.comparing(SummaryRow::metric, Formats.BYTE_ORDER)
                .thenComparing(SummaryRow::key, Formats.BYTE_ORDER));
        return rows;
    }
}
