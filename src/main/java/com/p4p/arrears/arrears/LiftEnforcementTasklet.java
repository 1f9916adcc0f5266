package com.p4p.arrears.arrears;

import java.math.BigDecimal;
import java.sql.Date;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;

import org.springframework.batch.core.scope.context.ChunkContext;
import org.springframework.batch.core.step.StepContribution;
import org.springframework.batch.core.step.tasklet.Tasklet;
import org.springframework.batch.infrastructure.repeat.RepeatStatus;
import org.springframework.jdbc.core.JdbcTemplate;

import com.p4p.arrears.ingest.EntryType;

/**
 * The lift of SPEC 13 for every account a lifted file posted to, in one transaction: the account's
 * balance now (its totals as of the last close plus the entries posted since, i.e. today's lifts), its
 * spend history (account_spend_day, kept by the close, plus any spend posted since), the state the
 * last night left, then {@link IntradayLift}; a lowered account gets its leave actions recorded and
 * its enforced stage moved, nothing else. Only the touched accounts are read: no pass over all
 * accounts, and of the ledger only the entries after the last close (a primary-key range).
 */
public class LiftEnforcementTasklet implements Tasklet {

    private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger("progress");

    private final LocalDate businessDate;
    private final String fileTime;
    private final IntradayLift lift;
    private final JdbcTemplate jdbc;
    private final JdbcTemplate streaming;
    private final boolean h2;

    public LiftEnforcementTasklet(LocalDate businessDate, String fileTime, IntradayLift lift, JdbcTemplate jdbc,
                                  JdbcTemplate streaming, boolean h2) {
        this.h2 = h2;
        this.businessDate = businessDate;
        this.fileTime = fileTime;
        this.lift = lift;
        this.jdbc = jdbc;
        this.streaming = streaming;
    }

    private record Touched(String accountId, String storeId, String currency, boolean hold, BigDecimal closedBalance,
                           LocalDate earliestReversal, AccountState prior) {
    }

    /** What was posted to an account since the last close. */
    private static final class SinceClose {
        BigDecimal credits = BigDecimal.ZERO;
        BigDecimal debits = BigDecimal.ZERO;
        LocalDate earliestReversal;
        final NavigableMap<LocalDate, BigDecimal> spend = new TreeMap<>();
    }

    @Override
    public RepeatStatus execute(StepContribution contribution, ChunkContext chunkContext) {
        long start = System.nanoTime();
        Date day = Date.valueOf(businessDate);
        Map<String, Touched> touched = new LinkedHashMap<>();
        jdbc.query("SELECT i.account_id, a.store_id, a.currency, a.enforcement_hold, a.credits - a.debits,"
                + " a.earliest_reversal_date, s.stage, s.enforced_stage, s.sticky_floor, s.credit_status,"
                + " s.first_delinquency, s.in_low_band FROM intraday_account i"
                + " JOIN account a ON a.account_id = i.account_id LEFT JOIN account_state s ON s.account_id = i.account_id"
                + " WHERE i.business_date = ? AND i.file_time = ? ORDER BY i.account_id", rs -> {
                    AccountState prior = rs.getString(8) == null ? null : new AccountState(rs.getString(7),
                            rs.getString(8), rs.getString(9), rs.getString(10), rs.getObject(11, LocalDate.class),
                            "Y".equals(rs.getString(12)));
                    touched.put(rs.getString(1), new Touched(rs.getString(1), rs.getString(2), rs.getString(3),
                            "Y".equals(rs.getString(4)), rs.getBigDecimal(5), rs.getObject(6, LocalDate.class), prior));
                }, day, fileTime);
        if (touched.isEmpty()) {
            return RepeatStatus.FINISHED;
        }
        long read = System.nanoTime();
        Map<String, SinceClose> since = postedSinceClose(touched);
        long sinceRead = System.nanoTime();
        Map<String, NavigableMap<LocalDate, BigDecimal>> spend = spendHistory(new ArrayList<>(touched.keySet()));
        long spendRead = System.nanoTime();

        List<Object[]> actions = new ArrayList<>();
        List<Object[]> lowered = new ArrayList<>();
        for (Touched t : touched.values()) {
            SinceClose s = since.getOrDefault(t.accountId(), new SinceClose());
            NavigableMap<LocalDate, BigDecimal> history = spend.getOrDefault(t.accountId(), new TreeMap<>());
            s.spend.forEach((date, amount) -> history.merge(date, amount, BigDecimal::add));
            LocalDate reversal = earlier(t.earliestReversal(), s.earliestReversal);
            BigDecimal balance = t.closedBalance().add(s.credits).subtract(s.debits);
            IntradayLift.Outcome o = lift.lift(new ArrearsInput(businessDate, t.accountId(), t.currency(), t.hold(),
                    balance, history, reversal, t.prior()));
            if (!o.lowered()) {
                continue;
            }
            int seq = 0;
            for (EnforcementAction a : o.actions()) {
                actions.add(new Object[]{day, fileTime, t.accountId(), ++seq, t.storeId(), a.action(), a.fromStage(),
                        a.toStage(), o.owed(), t.currency(), o.daysPastDue()});
            }
            lowered.add(new Object[]{t.prior().enforcedStage(), o.enforcedStage(), day, fileTime, t.accountId()});
        }
        long decided = System.nanoTime();
        jdbc.batchUpdate("INSERT INTO intraday_action (business_date, file_time, account_id, seq, store_id, action,"
                + " from_stage, to_stage, owed, currency, days_past_due) VALUES (?,?,?,?,?,?,?,?,?,?,?)", actions);
        // the rows exist: an upsert is one multi-row statement (the driver rewrites it), where a batch of
        // single-row UPDATEs cost a round trip each (README, Intraday lifts)
        jdbc.batchUpdate("INSERT INTO intraday_account (lifted_from, lifted_to, business_date, file_time, account_id)"
                + " VALUES (?,?,?,?,?) ON DUPLICATE KEY UPDATE lifted_from = VALUES(lifted_from),"
                + " lifted_to = VALUES(lifted_to)", lowered);
        // then every lowered account's enforced stage in one statement, driven by this lift's accounts
        if (h2) {
            jdbc.update("MERGE INTO account_state USING (SELECT account_id, lifted_to FROM intraday_account"
                    + " WHERE business_date = ? AND file_time = ? AND lifted_to IS NOT NULL) i"
                    + " ON (account_state.account_id = i.account_id)"
                    + " WHEN MATCHED THEN UPDATE SET enforced_stage = i.lifted_to", day, fileTime);
        } else {
            jdbc.update("UPDATE account_state s JOIN intraday_account i ON i.account_id = s.account_id"
                    + " SET s.enforced_stage = i.lifted_to WHERE i.business_date = ? AND i.file_time = ?"
                    + " AND i.lifted_to IS NOT NULL", day, fileTime);
        }
        contribution.incrementReadCount();
        contribution.incrementWriteCount(lowered.size());
        log.info(String.format("liftEnforcement: %d accounts, %d lowered, %d actions; seconds: accounts %.2f, entries since"
                + " the close %.2f, spend history %.2f, rule %.2f, writes %.2f", touched.size(), lowered.size(),
                actions.size(), (read - start) / 1e9, (sinceRead - read) / 1e9, (spendRead - sinceRead) / 1e9,
                (decided - spendRead) / 1e9, (System.nanoTime() - decided) / 1e9));
        return RepeatStatus.FINISHED;
    }

    /**
     * The touched accounts' entries after the last close: today's lifts (and, should a night of this
     * date have failed before its close, what it posted). One primary-key range, filtered here.
     */
    private Map<String, SinceClose> postedSinceClose(Map<String, Touched> touched) {
        long after = jdbc.queryForObject("SELECT COALESCE(MAX(last_entry_id), 0) FROM ledger_day", Long.class);
        Map<String, SinceClose> out = new HashMap<>();
        streaming.query("SELECT account_id, entry_type, entry_date, amount FROM ledger_entry WHERE entry_id > ?", rs -> {
            String account = rs.getString(1);
            if (!touched.containsKey(account)) {
                return;
            }
            SinceClose s = out.computeIfAbsent(account, k -> new SinceClose());
            EntryType type = EntryType.valueOf(rs.getString(2));
            LocalDate date = rs.getObject(3, LocalDate.class);
            BigDecimal amount = rs.getBigDecimal(4);
            if (type == EntryType.SPEND) {
                s.debits = s.debits.add(amount);
                s.spend.merge(date, amount, BigDecimal::add);
            } else {
                s.credits = type.creditSign() < 0 ? s.credits.subtract(amount) : s.credits.add(amount);
                if (type.creditSign() < 0) {
                    s.earliestReversal = earlier(s.earliestReversal, date);
                }
            }
        }, after);
        return out;
    }

    private Map<String, NavigableMap<LocalDate, BigDecimal>> spendHistory(List<String> accounts) {
        return new SpendHistoryStore(jdbc).wholeHistory(accounts);
    }

    private static LocalDate earlier(LocalDate a, LocalDate b) {
        return a == null ? b : b == null ? a : a.isBefore(b) ? a : b;
    }
}
