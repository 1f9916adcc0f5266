package com.p4p.arrears.report;

import java.nio.file.Path;
import java.sql.Date;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.springframework.jdbc.core.JdbcTemplate;

import com.p4p.arrears.ingest.Source;
import com.p4p.arrears.policy.Policy;
import com.p4p.arrears.reconcile.BreakType;

/**
 * Gathers a night's {@link FinanceReport}: every figure recon_summary.csv holds comes from the very
 * summary rows the CSV is written from; the rest from the ledger, mostly through finance's views
 * (sql/migration/V3__finance_views.sql), so the page and finance's own queries agree.
 */
public class FinanceReportLoader {

    private final JdbcTemplate jdbc;
    private final Policy policy;

    public FinanceReportLoader(JdbcTemplate jdbc, Policy policy) {
        this.jdbc = jdbc;
        this.policy = policy;
    }

    public FinanceReport load(LocalDate businessDate, List<SummaryRow> summary) {
        Map<String, Map<String, String>> s = new HashMap<>();
        summary.forEach(r -> s.computeIfAbsent(r.metric(), k -> new TreeMap<>()).put(r.key(), r.value()));
        Date day = Date.valueOf(businessDate);
        List<String> currencies = policy.currencyCodes();

        List<FinanceReport.FileControl> files = new ArrayList<>();
        jdbc.query("SELECT source, file_name, data_rows FROM input_file WHERE business_date = ?", rs -> {
            String source = rs.getString(1);
            Map<String, String> counts = new LinkedHashMap<>();
            for (String metric : List.of("rows", "posted", "rejected", "duplicate", "conflict", "suspended",
                    "currency_mismatch", "unsuspended")) {
                String value = value(s, metric, source);
                if (value != null) {
                    counts.put(metric, value);
                }
            }
            files.add(new FinanceReport.FileControl(source, Path.of(rs.getString(2)).getFileName().toString(),
                    rs.getLong(3), counts, value(s, "control_total", source)));
        }, day);
        List<String> order = java.util.Arrays.stream(Source.values()).map(Source::code).toList();
        files.sort(java.util.Comparator.comparingInt(f -> order.indexOf(f.source())));

        List<FinanceReport.CurrencyLedger> ledger = currencies.stream().map(c -> new FinanceReport.CurrencyLedger(c,
                value(s, "opening_balance", c), value(s, "debits", c), value(s, "credits", c),
                value(s, "closing_balance", c), value(s, "owed", c))).toList();

        List<FinanceReport.BreakGroup> breaks = new ArrayList<>();
        for (BreakType type : BreakType.values()) {
            long count = Long.parseLong(value(s, "breaks", type.name()));
            breaks.add(new FinanceReport.BreakGroup(type.name(), count, count == 0 ? List.of() : topBreaks(day, type)));
        }
        Map<String, String> resolved = new LinkedHashMap<>();
        for (String source : List.of(Source.SPEND.code(), Source.PAYMENTS.code())) {
            String value = value(s, "unsuspended", source);
            if (value != null) {
                resolved.put(source, value);
            }
        }

        Map<String, Map<String, String>> owedByStage = new HashMap<>();
        jdbc.query("SELECT stage, currency, owed FROM finance_accounts_by_stage", rs -> {
            String currency = rs.getString(2);
            owedByStage.computeIfAbsent(rs.getString(1), k -> new TreeMap<>())
                    .put(currency, Formats.money(rs.getBigDecimal(3), currency, policy));
        });
        List<FinanceReport.StageLine> stages = policy.stageNames().stream().map(stage -> new FinanceReport.StageLine(
                stage, Long.parseLong(value(s, "accounts", stage)), owedByStage.getOrDefault(stage, Map.of()))).toList();

        Map<String, List<FinanceReport.Bucket>> buckets = new TreeMap<>(Formats.BYTE_ORDER);
        jdbc.query("SELECT currency, bucket, accounts, owed FROM finance_owed_by_ageing ORDER BY currency, bucket_order",
                rs -> {
                    String currency = rs.getString(1);
                    buckets.computeIfAbsent(currency, k -> new ArrayList<>()).add(new FinanceReport.Bucket(
                            rs.getString(2), rs.getLong(3), Formats.money(rs.getBigDecimal(4), currency, policy)));
                });
        List<FinanceReport.Ageing> ageing = buckets.entrySet().stream()
                .map(e -> new FinanceReport.Ageing(e.getKey(), e.getValue())).toList();

        List<FinanceReport.SuspenseLine> suspense = new ArrayList<>();
        jdbc.query("SELECT currency, source, COUNT(*), SUM(amount), MAX(age_days) FROM finance_open_suspense"
                + " GROUP BY currency, source ORDER BY currency, source DESC", rs -> {
                    String currency = rs.getString(1);
                    suspense.add(new FinanceReport.SuspenseLine(currency, rs.getString(2), rs.getLong(3),
                            Formats.money(rs.getBigDecimal(4), currency, policy), rs.getLong(5)));
                });

        return new FinanceReport(businessDate, currencies, files, ledger, breaks, resolved, stages, ageing, suspense,
                trend(businessDate, s), runway());
    }

    /** The runway forecast from finance's views (V6), or null when the policy has none. */
    private FinanceReport.Runway runway() {
        if (policy.runway().isEmpty()) {
            return null;
        }
        Map<String, FinanceReport.RunwayCurrency> found = new HashMap<>();
        jdbc.query("SELECT currency, accounts_forecast, accounts_in_band, balance_in_band FROM finance_runway_by_currency",
                rs -> {
                    String currency = rs.getString(1);
                    found.put(currency, new FinanceReport.RunwayCurrency(currency, rs.getLong(2), rs.getLong(3),
                            Formats.money(rs.getBigDecimal(4), currency, policy)));
                });
        List<FinanceReport.RunwayCurrency> byCurrency = policy.currencyCodes().stream()
                .map(c -> found.getOrDefault(c, new FinanceReport.RunwayCurrency(c, 0, 0,
                        Formats.money(java.math.BigDecimal.ZERO, c, policy)))).toList();
        List<FinanceReport.RunwayAccount> soonest = jdbc.query("SELECT account_id, currency, balance, daily_spend,"
                + " days_to_zero, in_band FROM finance_runway ORDER BY days_to_zero, account_id LIMIT "
                + FinanceReport.SOONEST_RUNWAY, (rs, i) -> {
                    String currency = rs.getString(2);
                    return new FinanceReport.RunwayAccount(rs.getString(1), currency,
                            Formats.money(rs.getBigDecimal(3), currency, policy),
                            Formats.money(rs.getBigDecimal(4), currency, policy),
                            rs.getBigDecimal(5).setScale(0, java.math.RoundingMode.UNNECESSARY).toPlainString(),
                            "Y".equals(rs.getString(6)));
                });
        return new FinanceReport.Runway(policy.runway().get().windowDays(), policy.runway().get().horizonDays(),
                byCurrency, soonest);
    }

    /** The run's new breaks of a type, largest absolute amount first (difference, else actual, else expected). */
    private List<FinanceReport.BreakItem> topBreaks(Date day, BreakType type) {
        String amount = "COALESCE(difference, actual, expected)";
        return jdbc.query("SELECT source, reference, account_id, expected, actual, difference, currency FROM recon_break"
                + " WHERE business_date = ? AND break_type = ? AND intraday_file IS NULL ORDER BY CASE WHEN " + amount + " IS NULL THEN 1 ELSE 0 END,"
                + " ABS(" + amount + ") DESC, reference, source, break_id LIMIT " + FinanceReport.TOP_BREAKS,
                (rs, i) -> {
                    String currency = rs.getString(7);
                    return new FinanceReport.BreakItem(rs.getString(1), rs.getString(2), rs.getString(3),
                            Formats.money(rs.getBigDecimal(4), currency, policy),
                            Formats.money(rs.getBigDecimal(5), currency, policy),
                            Formats.money(rs.getBigDecimal(6), currency, policy), currency);
                }, day, type.name());
    }

    /** The earlier nights' stored summaries (the recon_summary table) and tonight's own rows. */
    private List<FinanceReport.TrendPoint> trend(LocalDate businessDate, Map<String, Map<String, String>> tonight) {
        List<Date> earlier = jdbc.queryForList("SELECT DISTINCT business_date FROM recon_summary WHERE business_date < ?"
                + " ORDER BY business_date DESC LIMIT " + (FinanceReport.TREND_DATES - 1), Date.class,
                Date.valueOf(businessDate));
        Map<LocalDate, Map<String, Map<String, String>>> nights = new TreeMap<>();
        if (!earlier.isEmpty()) {
            jdbc.query("SELECT business_date, metric, metric_key, metric_value FROM recon_summary"
                    + " WHERE business_date >= ? AND business_date < ? AND metric IN ('accounts', 'owed')", rs -> {
                        nights.computeIfAbsent(rs.getDate(1).toLocalDate(), k -> new HashMap<>())
                                .computeIfAbsent(rs.getString(2), k -> new TreeMap<>()).put(rs.getString(3), rs.getString(4));
                    }, earlier.get(earlier.size() - 1), Date.valueOf(businessDate));
        }
        nights.put(businessDate, tonight);
        List<FinanceReport.TrendPoint> points = new ArrayList<>();
        nights.forEach((date, metrics) -> {
            long inArrears = metrics.getOrDefault("accounts", Map.of()).entrySet().stream()
                    .filter(e -> !Policy.CURRENT.equals(e.getKey())).mapToLong(e -> Long.parseLong(e.getValue())).sum();
            points.add(new FinanceReport.TrendPoint(date, inArrears, Map.copyOf(metrics.getOrDefault("owed", Map.of()))));
        });
        return points;
    }

    private static String value(Map<String, Map<String, String>> summary, String metric, String key) {
        return summary.getOrDefault(metric, Map.of()).get(key);
    }
}
