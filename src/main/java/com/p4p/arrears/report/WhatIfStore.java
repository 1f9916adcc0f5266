package com.p4p.arrears.report;

import java.math.BigDecimal;
import java.sql.Date;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;

import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The reads of what-if (SPEC 11), SELECTs only. The ledger is read once, night by night: each night's
 * entries are the primary-key range between the previous close's last entry and its own (ledger_day),
 * which is how the close itself finds them, so every entry is read exactly once and in posting order.
 */
public final class WhatIfStore {

    /** One account as the account table knows it now. */
    public record Account(String accountId, String currency, boolean holdNow, LocalDate firstSeenDate) {
    }

    /** What a replay needs of one ledger entry. */
    public interface EntrySink {
        void entry(String accountId, String entryType, LocalDate entryDate, BigDecimal amount);
    }

    /** What a night stored per key, for one metric. */
    public record StoredCounts(Map<LocalDate, Map<String, Long>> accounts, Map<LocalDate, Map<String, Long>> actions,
                               Map<LocalDate, Map<String, Long>> creditRecords) {
    }

    /** One account's stored state after the last classified night. */
    public record StoredState(LocalDate asOfDate, String stage, String enforcedStage, String creditStatus) {
    }

    private final JdbcTemplate jdbc;
    private final JdbcTemplate streaming;

    public WhatIfStore(JdbcTemplate jdbc, JdbcTemplate streaming) {
        this.jdbc = jdbc;
        this.streaming = streaming;
    }

    /** Every account that existed on or before the date, in account_id order. */
    public void accounts(LocalDate upTo, java.util.function.Consumer<Account> sink) {
        streaming.query("SELECT account_id, currency, enforcement_hold, first_seen_date FROM account"
                + " WHERE first_seen_date <= ? ORDER BY account_id", rs -> {
                    sink.accept(new Account(rs.getString(1), rs.getString(2), "Y".equals(rs.getString(3)),
                            rs.getObject(4, LocalDate.class)));
                }, Date.valueOf(upTo));
    }

    /** Every recorded hold change, by account. */
    public Map<String, NavigableMap<LocalDate, Boolean>> holdChanges() {
        Map<String, NavigableMap<LocalDate, Boolean>> out = new HashMap<>();
        streaming.query("SELECT account_id, business_date, enforcement_hold FROM account_hold_change", rs -> {
            out.computeIfAbsent(rs.getString(1), k -> new TreeMap<>())
                    .put(rs.getObject(2, LocalDate.class), "Y".equals(rs.getString(3)));
        });
        return out;
    }

    /** The last ledger entry of each closed ledger day. */
    public NavigableMap<LocalDate, Long> ledgerDays() {
        NavigableMap<LocalDate, Long> out = new TreeMap<>();
        jdbc.query("SELECT business_date, last_entry_id FROM ledger_day", rs -> {
            out.put(rs.getObject(1, LocalDate.class), rs.getLong(2));
        });
        return out;
    }

    /** The entries the night posted: ids after {@code after} up to {@code last}, posted on the night. */
    public long entries(LocalDate night, long after, long last, EntrySink sink) {
        long[] n = {0};
        streaming.query("SELECT account_id, entry_type, entry_date, amount FROM ledger_entry"
                + " WHERE entry_id > ? AND entry_id <= ? AND posted_date = ?", rs -> {
                    sink.entry(rs.getString(1), rs.getString(2), rs.getObject(3, LocalDate.class), rs.getBigDecimal(4));
                    n[0]++;
                }, after, last, Date.valueOf(night));
        return n[0];
    }

    /** What the nights from..to stored: accounts by computed stage, actions by name, credit records by event. */
    public StoredCounts stored(LocalDate from, LocalDate to) {
        Map<LocalDate, Map<String, Long>> accounts = new TreeMap<>();
        jdbc.query("SELECT business_date, metric_key, metric_value FROM recon_summary WHERE metric = 'accounts'"
                + " AND business_date BETWEEN ? AND ?", rs -> {
                    accounts.computeIfAbsent(rs.getObject(1, LocalDate.class), k -> new HashMap<>())
                            .put(rs.getString(2), Long.parseLong(rs.getString(3)));
                }, Date.valueOf(from), Date.valueOf(to));
        return new StoredCounts(accounts,
                grouped("SELECT business_date, action, COUNT(*) FROM enforcement_action WHERE business_date BETWEEN ? AND ?"
                        + " GROUP BY business_date, action", from, to),
                grouped("SELECT business_date, event, COUNT(*) FROM credit_impact WHERE business_date BETWEEN ? AND ?"
                        + " GROUP BY business_date, event", from, to));
    }

    private Map<LocalDate, Map<String, Long>> grouped(String sql, LocalDate from, LocalDate to) {
        Map<LocalDate, Map<String, Long>> out = new TreeMap<>();
        jdbc.query(sql, rs -> {
            out.computeIfAbsent(rs.getObject(1, LocalDate.class), k -> new HashMap<>()).put(rs.getString(2), rs.getLong(3));
        }, Date.valueOf(from), Date.valueOf(to));
        return out;
    }

    /** account_state as stored (the last classified night's). */
    public Map<String, StoredState> storedStates() {
        Map<String, StoredState> out = new HashMap<>();
        streaming.query("SELECT account_id, as_of_date, stage, enforced_stage, credit_status FROM account_state", rs -> {
            out.put(rs.getString(1), new StoredState(rs.getObject(2, LocalDate.class), rs.getString(3), rs.getString(4),
                    rs.getString(5)));
        });
        return out;
    }
}
