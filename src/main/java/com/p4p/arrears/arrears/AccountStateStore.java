package com.p4p.arrears.arrears;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.Map;

import org.springframework.jdbc.core.JdbcTemplate;

import com.p4p.arrears.credit.CreditRecord;
import com.p4p.arrears.db.BulkLoad;

/**
 * The classification's table group: account_state (one row per account, its latest classification),
 * enforcement_action and credit_impact (the night's actions and credit-impact records).
 * <p>
 * {@link #save} writes the rows {@link #stateRow}, {@link #actionRow} and {@link #creditRow} built, in
 * the caller's transaction, through {@link BulkLoad}: LOAD DATA LOCAL where the database takes it, else
 * (H2, a MySQL that refuses it) multi-row statements of the same values ({@link com.p4p.arrears.db.BulkPath}).
 * The state goes as REPLACE: every column is written, so it is the upsert.
 */
public class AccountStateStore {

    private static final String STATE_COLUMNS = "account_id, as_of_date, balance, owed, oldest_unpaid_date,"
            + " days_past_due, stage, enforced_stage, sticky_floor, credit_status, first_delinquency, in_low_band,"
            + " in_runway_band, window_spend, runway_days, runway_digits, runway_carried, tail_spend_before,"
            + " tail_anchor_spend";
    private static final String ACTION_COLUMNS = "business_date, account_id, seq, store_id, action, from_stage,"
            + " to_stage, owed, currency, days_past_due";
    private static final String CREDIT_COLUMNS = "business_date, account_id, event, status_code, previous_status_code,"
            + " amount_past_due, currency, days_past_due, first_delinquency";

    private final JdbcTemplate jdbc;

    public AccountStateStore(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * What the accounts of an id range were last classified as, and the tails kept by accounts
     * classified before {@code keptBefore} (a tail kept tonight already counts tonight's spend).
     *
     * @param keptSince the earliest date a tail was kept on (null: none kept)
     */
    public record Prior(Map<String, AccountState> states, Map<String, LocalDate> anchors, Map<String, Carried> carried,
                        Map<String, KeptTail> kept, LocalDate keptSince) {
    }

    /** The runway window an account's last classification carried over, and that night's date. */
    public record Carried(LocalDate asOf, String text) {
    }

    /**
     * The stored states of the accounts from {@code first} to {@code last}, with each one's anchor
     * (oldest_unpaid_date) where it had one, the tail it kept where it was classified before
     * {@code businessDate}, and, with {@code runway}, the window it carried (SPEC 10).
     */
    public Prior load(String first, String last, LocalDate businessDate, boolean runway) {
        Map<String, AccountState> states = new HashMap<>();
        Map<String, LocalDate> anchors = new HashMap<>();
        Map<String, Carried> carried = new HashMap<>();
        Map<String, KeptTail> kept = new HashMap<>();
        LocalDate[] keptSince = {null};
        jdbc.query("SELECT account_id, stage, enforced_stage, sticky_floor, credit_status, first_delinquency, in_low_band,"
                + " in_runway_band, oldest_unpaid_date, as_of_date, tail_spend_before, tail_anchor_spend"
                + (runway ? ", runway_carried" : "") + " FROM account_state WHERE account_id BETWEEN ? AND ?", rs -> {
                    states.put(rs.getString(1), new AccountState(rs.getString(2), rs.getString(3), rs.getString(4),
                            rs.getString(5), rs.getObject(6, LocalDate.class), "Y".equals(rs.getString(7)),
                            "Y".equals(rs.getString(8))));
                    LocalDate anchor = rs.getObject(9, LocalDate.class);
                    LocalDate asOf = rs.getObject(10, LocalDate.class);
                    if (anchor != null) {
                        anchors.put(rs.getString(1), anchor);
                        BigDecimal before = rs.getBigDecimal(11);
                        if (before != null && asOf.isBefore(businessDate)) {
                            kept.put(rs.getString(1), new KeptTail(asOf, anchor, before, rs.getBigDecimal(12)));
                            keptSince[0] = keptSince[0] == null || asOf.isBefore(keptSince[0]) ? asOf : keptSince[0];
                        }
                    }
                    if (runway) {
                        carried.put(rs.getString(1), new Carried(asOf, rs.getString(13)));
                    }
                }, first, last);
        return new Prior(states, anchors, carried, kept, keptSince[0]);
    }

    /**
     * Appends an account's new state (the columns of {@link #STATE_COLUMNS}) to {@code states}. Of the
     * forecast only S and the rule's two figures are stored (V11): daily_spend and days_to_zero follow from
     * them and the balance ({@link RunwayForecast#of}), where runway.csv, explain and the views read them.
     *
     * @param windowDays the runway rule's window_days (unused without a forecast)
     * @param kept       the tail the ageing keeps for the next night ({@link KeptTail}), or null
     */
    public static void stateRow(BulkLoad states, LocalDate day, AccountToClassify a, ArrearsOutcome o,
                                RunwaySpendWindow.Window w, int windowDays, KeptTail kept) {
        AccountState n = o.next();
        RunwayForecast r = o.runway();
        states.text(a.accountId()).date(day).decimal(a.balance()).decimal(o.owed()).date(o.oldestUnpaidDate())
                .number(o.daysPastDue()).text(o.stage()).text(o.enforcedStage()).text(n.stickyFloor())
                .text(o.creditStatus()).date(n.dateOfFirstDelinquency()).text(n.inLowBand() ? "Y" : "N")
                .text(n.inRunwayBand() ? "Y" : "N").decimal(r == null ? null : r.windowSpend())
                .number(r == null ? null : Long.valueOf(windowDays))
                .number(r == null ? null : Long.valueOf(r.dailySpend().scale())) // the currency's minor digits
                .text(w == null ? null : w.carried()).decimal(kept == null ? null : kept.spendBefore())
                .decimal(kept == null ? null : kept.spendOnAnchor()).endRow();
    }

    /** Appends an account's {@code seq}-th enforcement action of the night to {@code actions}. */
    public static void actionRow(BulkLoad actions, LocalDate day, AccountToClassify a, ArrearsOutcome o, int seq,
                                 EnforcementAction action) {
        actions.date(day).text(a.accountId()).number(seq).text(a.storeId()).text(action.action())
                .text(action.fromStage()).text(action.toStage()).decimal(o.owed()).text(a.currency())
                .number(o.daysPastDue()).endRow();
    }

    /** Appends an account's credit-impact record of the night to {@code credit}. */
    public static void creditRow(BulkLoad credit, LocalDate day, AccountToClassify a, ArrearsOutcome o,
                                 CreditRecord c) {
        credit.date(day).text(a.accountId()).text(c.event()).text(c.statusCode()).text(c.previousStatusCode())
                .decimal(o.owed()).text(a.currency()).number(o.daysPastDue()).date(c.dateOfFirstDelinquency()).endRow();
    }

    /** Writes the rows built, in the caller's transaction. */
    public void save(BulkLoad states, BulkLoad actions, BulkLoad credit) {
        states.replacing(jdbc, "account_state", STATE_COLUMNS);
        actions.into(jdbc, "enforcement_action", ACTION_COLUMNS);
        credit.into(jdbc, "credit_impact", CREDIT_COLUMNS);
    }
}
