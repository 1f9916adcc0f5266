package com.p4p.arrears.report;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.NavigableMap;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Collectors;

import org.springframework.jdbc.core.JdbcTemplate;

import com.p4p.arrears.arrears.RunwayWindowStore;
import com.p4p.arrears.arrears.SpendHistoryStore;
import com.p4p.arrears.policy.RunwayRule;

/**
 * The reads behind {@link AccountExplanation}: one account's ledger totals, its spend per charge date,
 * its state after the last classified night, its hold changes and its enforcement and credit history.
 * SELECTs only. The history tables are keyed by (business_date, account_id), so they are read with
 * the nights' dates listed: a point lookup per night instead of a scan of every night's rows.
 */
public final class AccountExplanationStore {

    /** The account table's row. */
    public record AccountRow(String accountId, String storeId, String currency, boolean holdNow,
                             LocalDate firstSeenDate, BigDecimal credits, BigDecimal debits, LocalDate totalsAsOf,
                             LocalDate earliestReversalDate) {
    }

    /** account_state: what the last classification of the account wrote. */
    public record StateRow(LocalDate asOfDate, BigDecimal balance, BigDecimal owed, LocalDate oldestUnpaidDate,
                           int daysPastDue, String stage, String enforcedStage, String stickyFloor,
                           String creditStatus, LocalDate firstDelinquency, BigDecimal windowSpend,
                           BigDecimal dailySpend, BigDecimal daysToZero, boolean inRunwayBand) {
    }

    /** One enforcement_action row. */
    public record ActionRow(LocalDate businessDate, int seq, String action, String fromStage, String toStage,
                            BigDecimal owed, int daysPastDue) {
    }

    /** One credit_impact row. */
    public record CreditRow(LocalDate businessDate, String event, String statusCode, String previousStatusCode,
                            BigDecimal amountPastDue, int daysPastDue, LocalDate firstDelinquency) {
    }

    private final JdbcTemplate jdbc;

    public AccountExplanationStore(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    public Optional<AccountRow> account(String accountId) {
        return jdbc.query("SELECT account_id, store_id, currency, enforcement_hold, first_seen_date, credits, debits,"
                + " totals_as_of, earliest_reversal_date FROM account WHERE account_id = ?", (rs, i) -> new AccountRow(
                        rs.getString(1), rs.getString(2), rs.getString(3), "Y".equals(rs.getString(4)),
                        rs.getObject(5, LocalDate.class), rs.getBigDecimal(6), rs.getBigDecimal(7),
                        rs.getObject(8, LocalDate.class), rs.getObject(9, LocalDate.class)), accountId)
                .stream().findFirst();
    }

    public Optional<StateRow> state(String accountId) {
        // daily_spend and days_to_zero as finance's view derives them (V11), so explain checks the SQL too
        return jdbc.query("SELECT s.as_of_date, s.balance, s.owed, s.oldest_unpaid_date, s.days_past_due, s.stage,"
                + " s.enforced_stage, s.sticky_floor, s.credit_status, s.first_delinquency, s.window_spend, r.daily_spend,"
                + " r.days_to_zero, s.in_runway_band FROM account_state s"
                + " LEFT JOIN finance_runway r ON r.account_id = s.account_id WHERE s.account_id = ?",
                (rs, i) -> new StateRow(rs.getObject(1, LocalDate.class), rs.getBigDecimal(2), rs.getBigDecimal(3),
                        rs.getObject(4, LocalDate.class), rs.getInt(5), rs.getString(6), rs.getString(7),
                        rs.getString(8), rs.getString(9), rs.getObject(10, LocalDate.class), rs.getBigDecimal(11),
                        rs.getBigDecimal(12), rs.getBigDecimal(13), "Y".equals(rs.getString(14))), accountId)
                .stream().findFirst();
    }

    /** Spend per charge date, all time (the ageing history the nights read). */
    public NavigableMap<LocalDate, BigDecimal> spendByChargeDate(String accountId) {
        return new SpendHistoryStore(jdbc).wholeHistory(List.of(accountId)).getOrDefault(accountId, new TreeMap<>());
    }

    /**
     * The spend each run of the runway window ending on {@code night} posted to the account (SPEC 10), read
     * as the nights read it when nothing was carried (account_day_delta); runs without spend are absent.
     */
    public NavigableMap<LocalDate, BigDecimal> windowSpendByNight(String accountId, LocalDate night, RunwayRule rule) {
        return new TreeMap<>(new RunwayWindowStore(jdbc, night, rule).spendByNight(accountId, accountId)
                .getOrDefault(accountId, java.util.Map.of()));
    }

    public NavigableMap<LocalDate, Boolean> holdChanges(String accountId) {
        NavigableMap<LocalDate, Boolean> out = new TreeMap<>();
        jdbc.query("SELECT business_date, enforcement_hold FROM account_hold_change WHERE account_id = ?",
                rs -> {
                    out.put(rs.getObject(1, LocalDate.class), "Y".equals(rs.getString(2)));
                }, accountId);
        return out;
    }

    /** The account's enforcement actions of the given nights, in date and emission order. */
    public List<ActionRow> actions(String accountId, Collection<LocalDate> nights) {
        if (nights.isEmpty()) {
            return List.of();
        }
        List<ActionRow> out = new ArrayList<>(jdbc.query("SELECT business_date, seq, action, from_stage, to_stage, owed,"
                + " days_past_due FROM enforcement_action WHERE business_date IN (" + dates(nights) + ")"
                + " AND account_id = ? ORDER BY business_date, seq", (rs, i) -> new ActionRow(
                        rs.getObject(1, LocalDate.class), rs.getInt(2), rs.getString(3), rs.getString(4),
                        rs.getString(5), rs.getBigDecimal(6), rs.getInt(7)), accountId));
        return out;
    }

    /** The account's credit-impact records of the given nights, by date. */
    public List<CreditRow> credit(String accountId, Collection<LocalDate> nights) {
        if (nights.isEmpty()) {
            return List.of();
        }
        return jdbc.query("SELECT business_date, event, status_code, previous_status_code, amount_past_due,"
                + " days_past_due, first_delinquency FROM credit_impact WHERE business_date IN (" + dates(nights) + ")"
                + " AND account_id = ? ORDER BY business_date", (rs, i) -> new CreditRow(
                        rs.getObject(1, LocalDate.class), rs.getString(2), rs.getString(3), rs.getString(4),
                        rs.getBigDecimal(5), rs.getInt(6), rs.getObject(7, LocalDate.class)), accountId);
    }

    /** Dates as SQL literals: LocalDate's text is digits and dashes only. */
    private static String dates(Collection<LocalDate> nights) {
        return nights.stream().map(d -> "'" + d + "'").collect(Collectors.joining(","));
    }
}
