package com.p4p.arrears.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

import com.p4p.arrears.support.PipelineTest;

/**
 * Finance's views (sql/migration/V3__finance_views.sql) against a ledger of known content, on the
 * configured database (MariaDB in CI, else H2): each view's rows exactly, and every example of
 * sql/finance_queries.sql runs.
 */
@PipelineTest
class FinanceViewsTest {

    @Autowired
    JdbcTemplate jdbc;

    @BeforeEach
    void knownLedger() {
        // three closed nights; the last one, 2026-11-27, is the as-of date
        currencyDay("2026-11-25", "USD", "0", "100", "40", "-60");
        currencyDay("2026-11-26", "USD", "-60", "10", "25.5", "-44.5");
        currencyDay("2026-11-27", "USD", "-44.5", "0", "0", "-44.5");
        currencyDay("2026-11-27", "JPY", "1000", "500", "0", "999"); // does not balance: 1000 - 500 != 999

        account("U1", "USD");
        account("U2", "USD");
        account("U3", "USD");
        account("U4", "USD");
        account("J1", "JPY");
        account("E1", "EUR"); // owes nothing: EUR still gets its seven empty buckets
        state("U1", "-10.00", "10.00", 0, "GRACE");
        state("U2", "-20.00", "20.00", 3, "FROZEN");
        state("U3", "-30.50", "30.50", 3, "FROZEN");
        state("U4", "5.00", "0.00", 0, "CURRENT");
        state("J1", "-7000", "7000", 95, "FLAGGED");
        state("E1", "0.00", "0.00", 0, "CURRENT");

        // breaks: open ones of every kind, and a resolved suspense break (not open)
        breakRow("2026-11-20", "UNKNOWN_ACCOUNT", "spend", "C1", "NEW1", null, "4.00", null, "USD", null);
        breakRow("2026-11-26", "UNKNOWN_ACCOUNT", "payments", "P1", "NEW2", null, "9.00", null, "USD", null);
        breakRow("2026-11-26", "UNKNOWN_ACCOUNT", "spend", "C2", "NEW3", null, "1.00", null, "USD", "2026-11-27");
        breakRow("2026-11-27", "UNKNOWN_ACCOUNT", "balances", "GHOST", "GHOST", null, "3.00", null, "USD", null);
        breakRow("2026-11-25", "BALANCE_MISMATCH", "balances", "U1", "U1", "-10.00", "-12.00", "-2.00", "USD", null);
        breakRow("2026-11-27", "ORPHAN_CHARGEBACK", "payments", "P9", "U2", null, "20.00", null, "USD", null);

        suspense("spend", "C1", "NEW1", "2026-11-20", "4.00", "OPEN");
        suspense("payments", "P1", "NEW2", "2026-11-26", "9.00", "OPEN");
        suspense("spend", "C2", "NEW3", "2026-11-26", "1.00", "POSTED");

        summary("2026-11-26", "accounts", "CURRENT", "3");
        summary("2026-11-26", "accounts", "GRACE", "2");
        summary("2026-11-26", "owed", "USD", "44.50");
        summary("2026-11-26", "owed", "JPY", "0");
        summary("2026-11-27", "accounts", "CURRENT", "2");
        summary("2026-11-27", "accounts", "GRACE", "1");
        summary("2026-11-27", "accounts", "FROZEN", "2");
        summary("2026-11-27", "accounts", "FLAGGED", "1");
        summary("2026-11-27", "owed", "USD", "60.50");
        summary("2026-11-27", "owed", "JPY", "7000");
        summary("2026-11-27", "breaks", "BALANCE_MISMATCH", "0"); // other metrics do not leak into the trend
    }

    @Test
    void asOfIsTheLastClosedBusinessDate() {
        assertThat(rows("SELECT as_of_date FROM finance_as_of")).containsExactly("2026-11-27");
    }

    @Test
    void dailyTotalsPerCurrencyShowTheMovementAndWhetherTheNightBalances() {
        assertThat(rows("SELECT business_date, currency, opening_balance, debits, credits, net_movement, closing_balance,"
                + " balanced FROM finance_daily_totals ORDER BY business_date, currency")).containsExactly(
                "2026-11-25|USD|0|100|40|-60|-60|Y",
                "2026-11-26|USD|-60|10|25.5|15.5|-44.5|Y",
                "2026-11-27|JPY|1000|500|0|-500|999|N",
                "2026-11-27|USD|-44.5|0|0|0|-44.5|Y");
    }

    @Test
    void openBreaksAreTheUnresolvedOnesAgedToTheAsOfDate() {
        assertThat(rows("SELECT business_date, break_type, category, source, reference, account_id, expected, actual,"
                + " difference, currency, as_of_date, age_days FROM finance_open_breaks ORDER BY age_days DESC, reference"))
                .containsExactly(
                        "2026-11-20|UNKNOWN_ACCOUNT|SUSPENSE|spend|C1|NEW1|null|4|null|USD|2026-11-27|7",
                        "2026-11-25|BALANCE_MISMATCH|OTHER|balances|U1|U1|-10|-12|-2|USD|2026-11-27|2",
                        "2026-11-26|UNKNOWN_ACCOUNT|SUSPENSE|payments|P1|NEW2|null|9|null|USD|2026-11-27|1",
                        "2026-11-27|UNKNOWN_ACCOUNT|OTHER|balances|GHOST|GHOST|null|3|null|USD|2026-11-27|0",
                        "2026-11-27|ORPHAN_CHARGEBACK|OTHER|payments|P9|U2|null|20|null|USD|2026-11-27|0");
    }

    @Test
    void accountsAndOwedByStageAndCurrency() {
        assertThat(rows("SELECT stage, currency, accounts, owed, balance FROM finance_accounts_by_stage"
                + " ORDER BY currency, stage")).containsExactly(
                "CURRENT|EUR|1|0|0",
                "FLAGGED|JPY|1|7000|-7000",
                "CURRENT|USD|1|0|5",
                "FROZEN|USD|2|50.5|-50.5",
                "GRACE|USD|1|10|-10");
    }

    @Test
    void ageingBucketsAreTheSevenBandsOfDaysPastDue() {
        assertThat(rows("SELECT bucket_order, bucket, min_days, max_days FROM finance_ageing_bucket ORDER BY bucket_order"))
                .containsExactly("1|0-2|0|2", "2|3-6|3|6", "3|7-14|7|14", "4|15-29|15|29", "5|30-59|30|59",
                        "6|60-89|60|89", "7|90+|90|null");
    }

    @Test
    void owedByAgeingBucketHasEveryBucketOfEveryCurrencyAndCountsOnlyAccountsThatOwe() {
        assertThat(rows("SELECT currency, bucket, accounts, owed FROM finance_owed_by_ageing"
                + " ORDER BY currency, bucket_order")).containsExactly(
                "EUR|0-2|0|0", "EUR|3-6|0|0", "EUR|7-14|0|0", "EUR|15-29|0|0", "EUR|30-59|0|0", "EUR|60-89|0|0",
                "EUR|90+|0|0",
                "JPY|0-2|0|0", "JPY|3-6|0|0", "JPY|7-14|0|0", "JPY|15-29|0|0", "JPY|30-59|0|0", "JPY|60-89|0|0",
                "JPY|90+|1|7000",
                "USD|0-2|1|10", "USD|3-6|2|50.5", "USD|7-14|0|0", "USD|15-29|0|0", "USD|30-59|0|0", "USD|60-89|0|0",
                "USD|90+|0|0");
    }

    @Test
    void everyDaysPastDueFallsInExactlyOneBucketAtTheBoundaries() {
        jdbc.update("DELETE FROM account_state");
        int[] days = {0, 2, 3, 6, 7, 14, 15, 29, 30, 59, 60, 89, 90, 4000};
        for (int i = 0; i < days.length; i++) {
            account("B" + i, "CNY");
            state("B" + i, "-1.00", "1.00", days[i], "X");
        }
        assertThat(rows("SELECT bucket, accounts, owed FROM finance_owed_by_ageing WHERE currency = 'CNY'"
                + " ORDER BY bucket_order")).containsExactly(
                "0-2|2|2", "3-6|2|2", "7-14|2|2", "15-29|2|2", "30-59|2|2", "60-89|2|2", "90+|2|2");
    }

    @Test
    void openSuspenseListsTheItemsStillWaitingWithTheirAge() {
        assertThat(rows("SELECT source, source_id, account_id, entry_type, amount, currency, received_date, age_days"
                + " FROM finance_open_suspense ORDER BY age_days DESC")).containsExactly(
                "spend|C1|NEW1|SPEND|4|USD|2026-11-20|7",
                "payments|P1|NEW2|PAYMENT|9|USD|2026-11-26|1");
    }

    @Test
    void trendsComeFromEachNightsSummary() {
        assertThat(rows("SELECT business_date, accounts_in_arrears, accounts FROM finance_arrears_trend"
                + " ORDER BY business_date")).containsExactly("2026-11-26|2|5", "2026-11-27|4|6");
        assertThat(rows("SELECT business_date, currency, owed FROM finance_owed_trend ORDER BY business_date, currency"))
                .containsExactly("2026-11-26|JPY|0", "2026-11-26|USD|44.5", "2026-11-27|JPY|7000",
                        "2026-11-27|USD|60.5");
    }

    @Test
    void everyExampleOfTheFinanceQueriesFileRuns() throws IOException {
        List<String> statements = statements(Path.of("sql", "finance_queries.sql"));
        assertThat(statements).hasSizeGreaterThanOrEqualTo(15);
        for (String sql : statements) {
            assertThat(sql).as("read-only").startsWith("SELECT");
            jdbc.queryForList(sql); // throws on any error
        }
        // and one of them, checked: the open suspense per currency and kind of row
        String perKind = statements.stream().filter(s -> s.contains("GROUP BY currency, source, entry_type"))
                .findFirst().orElseThrow();
        assertThat(jdbc.queryForList(perKind)).extracting(r -> r.get("source") + ":" + r.get("items") + ":"
                + r.get("oldest_days")).containsExactly("payments:1:1", "spend:1:7");
    }

    /** The statements of an SQL file, comments dropped. */
    static List<String> statements(Path file) throws IOException {
        String text = Files.readAllLines(file, StandardCharsets.UTF_8).stream()
                .filter(l -> !l.trim().startsWith("--")).collect(Collectors.joining("\n"));
        List<String> out = new ArrayList<>();
        for (String s : text.split(";")) {
            if (!s.isBlank()) {
                out.add(s.trim());
            }
        }
        return out;
    }

    // ---- known data ----

    private List<String> rows(String sql) {
        return jdbc.queryForList(sql).stream().map(FinanceViewsTest::line).toList();
    }

    private static String line(Map<String, Object> row) {
        return row.values().stream().map(FinanceViewsTest::text).collect(Collectors.joining("|"));
    }

    private static String text(Object v) {
        if (v instanceof BigDecimal b) {
            return b.signum() == 0 ? "0" : b.stripTrailingZeros().toPlainString();
        }
        return String.valueOf(v);
    }

    private void currencyDay(String date, String currency, String opening, String debits, String credits, String closing) {
        jdbc.update("INSERT INTO currency_day (business_date, currency, opening_balance, debits, credits, closing_balance)"
                + " VALUES (?,?,?,?,?,?)", java.sql.Date.valueOf(date), currency, new BigDecimal(opening),
                new BigDecimal(debits), new BigDecimal(credits), new BigDecimal(closing));
    }

    private void account(String id, String currency) {
        jdbc.update("INSERT INTO account (account_id, store_id, currency, opened_date, enforcement_hold, first_seen_date,"
                + " snapshot_date, snapshot_line) VALUES (?, 'S1', ?, '2025-01-01', 'N', '2026-11-25', '2026-11-25', 2)",
                id, currency);
    }

    private void state(String id, String balance, String owed, int daysPastDue, String stage) {
        jdbc.update("INSERT INTO account_state (account_id, as_of_date, balance, owed, days_past_due, stage,"
                + " enforced_stage, credit_status, in_low_band) VALUES (?, '2026-11-27', ?, ?, ?, ?, ?, '11', 'N')",
                id, new BigDecimal(balance), new BigDecimal(owed), daysPastDue, stage, stage);
    }

    private void breakRow(String date, String type, String source, String reference, String account, String expected,
                          String actual, String difference, String currency, String resolved) {
        jdbc.update("INSERT INTO recon_break (business_date, break_type, source, reference, account_id, expected, actual,"
                + " difference, currency, resolved_date) VALUES (?,?,?,?,?,?,?,?,?,?)", java.sql.Date.valueOf(date), type,
                source, reference, account, decimal(expected), decimal(actual), decimal(difference), currency,
                resolved == null ? null : java.sql.Date.valueOf(resolved));
    }

    private void suspense(String source, String id, String account, String received, String amount, String status) {
        jdbc.update("INSERT INTO suspense_item (source, source_id, account_id, entry_type, entry_date, amount, currency,"
                + " received_date, line_number, status) VALUES (?,?,?,?,?,?, 'USD', ?, 2, ?)", source, id, account,
                source.equals("spend") ? "SPEND" : "PAYMENT", java.sql.Date.valueOf(received), new BigDecimal(amount),
                java.sql.Date.valueOf(received), status);
    }

    private void summary(String date, String metric, String key, String value) {
        jdbc.update("INSERT INTO recon_summary (business_date, metric, metric_key, metric_value) VALUES (?,?,?,?)",
                java.sql.Date.valueOf(date), metric, key, value);
    }

    private static BigDecimal decimal(String s) {
        return s == null ? null : new BigDecimal(s);
    }
}
