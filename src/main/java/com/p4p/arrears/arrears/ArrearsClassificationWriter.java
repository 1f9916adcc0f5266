package com.p4p.arrears.arrears;

import java.math.BigDecimal;
import java.sql.Date;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.batch.core.ExitStatus;
import org.springframework.batch.core.listener.StepExecutionListener;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.batch.infrastructure.item.Chunk;
import org.springframework.batch.infrastructure.item.ItemWriter;
import org.springframework.jdbc.core.JdbcTemplate;

import com.p4p.arrears.credit.CreditRecord;
import com.p4p.arrears.ops.BulkLoad;
import com.p4p.arrears.ops.StepMetrics;

/**
 * Classifies a chunk of accounts: loads their prior state in one query and the spend history their
 * ageing needs ({@link SpendHistoryStore}: the owing accounts' newest spend back to the anchor, nothing
 * for the others), runs the {@link ArrearsEngine} on every account, and stores the new state, the
 * enforcement actions and the credit-impact records in the chunk's transaction.
 * <p>
 * A chunk is a run of consecutive accounts in id order (the reader pages through the account table by
 * id), so the prior states are read as the id range from its first to its last account. On MySQL the
 * results are written with LOAD DATA LOCAL (the state as REPLACE: every column is written, so it is the
 * upsert); on H2 with batched statements.
 * <p>
 * With a runway block (SPEC 10) each account's S is carried on from its prior state's
 * {@code runway_carried} ({@link RunwaySpendWindow}); only accounts with nothing to carry on make the
 * chunk read the window's nights ({@link RunwayWindowStore}).
 */
public class ArrearsClassificationWriter implements ItemWriter<AccountToClassify>, StepExecutionListener {

    private static final Logger log = LoggerFactory.getLogger("progress");

    private final LocalDate businessDate;
    private final ArrearsEngine engine;
    private final JdbcTemplate jdbc;

    private final boolean bulkLoads;
    private final SpendHistoryStore spendHistory;
    private StepExecution stepExecution;
    /** S per account of SPEC 10; created on the first chunk, only when the policy has a runway block. */
    private RunwayWindowStore runwayWindow;

    public ArrearsClassificationWriter(LocalDate businessDate, ArrearsEngine engine, JdbcTemplate jdbc, boolean bulkLoads) {
        this.businessDate = businessDate;
        this.engine = engine;
        this.jdbc = jdbc;
        this.bulkLoads = bulkLoads;
        this.spendHistory = new SpendHistoryStore(jdbc);
    }

    @Override
    public void beforeStep(StepExecution stepExecution) {
        this.stepExecution = stepExecution;
    }

    /** The history rows the step read, in the log: they must not grow with the number of nights. */
    @Override
    public ExitStatus afterStep(StepExecution stepExecution) {
        SpendTails.Counts c = spendHistory.counts();
        log.info("classifyAccounts: " + c.rows() + " spend history rows read for " + c.owingAccounts()
                + " owing accounts (" + c.furtherAccounts() + " read further back than the previous anchor), in "
                + c.reads() + " reads");
        return stepExecution.getExitStatus();
    }

    @Override
    public void write(Chunk<? extends AccountToClassify> chunk) {
        if (chunk.isEmpty()) {
            return;
        }
        String first = chunk.getItems().get(0).accountId();
        String last = chunk.getItems().get(chunk.size() - 1).accountId();
        Map<String, LocalDate> priorAnchors = new HashMap<>();
        Map<String, Carried> carried = new HashMap<>();
        Map<String, AccountState> prior = priorStates(first, last, priorAnchors, carried);
        Map<String, NavigableMap<LocalDate, BigDecimal>> spend = spendHistory.tails(businessDate, owing(chunk, priorAnchors));
        if (stepExecution != null) {
            stepExecution.getExecutionContext().putLong(StepMetrics.HISTORY_ROWS_READ, spendHistory.counts().rows());
        }
        Map<String, RunwaySpendWindow.Window> windowSpend = runwayWindows(chunk, first, last, prior, carried);
        if (bulkLoads) {
            writeLoading(chunk, prior, spend, windowSpend);
            return;
        }

        Date day = Date.valueOf(businessDate);
        List<Object[]> states = new ArrayList<>();
        List<Object[]> actions = new ArrayList<>();
        List<Object[]> credit = new ArrayList<>();
        for (AccountToClassify a : chunk) {
            ArrearsOutcome o = engine.classify(new ArrearsInput(businessDate, a.accountId(), a.currency(), a.hold(),
                    a.balance(), spend.getOrDefault(a.accountId(), new TreeMap<>()), a.earliestReversalDate(),
                    prior.get(a.accountId()), windowSpend(windowSpend, a)));
            AccountState n = o.next();
            RunwayForecast r = o.runway();
            RunwaySpendWindow.Window w = windowSpend.get(a.accountId());
            states.add(new Object[]{a.accountId(), day, a.balance(), o.owed(), date(o.oldestUnpaidDate()),
                    o.daysPastDue(), o.stage(), o.enforcedStage(), n.stickyFloor(), o.creditStatus(),
                    date(n.dateOfFirstDelinquency()), n.inLowBand() ? "Y" : "N", n.inRunwayBand() ? "Y" : "N",
                    r == null ? null : r.windowSpend(), r == null ? null : r.dailySpend(),
                    r == null ? null : r.daysToZero(), w == null ? null : w.carried()});
            int seq = 0;
            for (EnforcementAction action : o.actions()) {
                actions.add(new Object[]{day, a.accountId(), ++seq, a.storeId(), action.action(), action.fromStage(),
                        action.toStage(), o.owed(), a.currency(), o.daysPastDue()});
            }
            CreditRecord c = o.creditRecord();
            if (c != null) {
                credit.add(new Object[]{day, a.accountId(), c.event(), c.statusCode(), c.previousStatusCode(),
                        o.owed(), a.currency(), o.daysPastDue(), date(c.dateOfFirstDelinquency())});
            }
        }
        jdbc.batchUpdate("INSERT INTO account_state (account_id, as_of_date, balance, owed, oldest_unpaid_date,"
                + " days_past_due, stage, enforced_stage, sticky_floor, credit_status, first_delinquency, in_low_band,"
                + " in_runway_band, window_spend, daily_spend, days_to_zero, runway_carried)"
                + " VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?) ON DUPLICATE KEY UPDATE as_of_date = VALUES(as_of_date),"
                + " balance = VALUES(balance), owed = VALUES(owed), oldest_unpaid_date = VALUES(oldest_unpaid_date),"
                + " days_past_due = VALUES(days_past_due), stage = VALUES(stage), enforced_stage = VALUES(enforced_stage),"
                + " sticky_floor = VALUES(sticky_floor), credit_status = VALUES(credit_status),"
                + " first_delinquency = VALUES(first_delinquency), in_low_band = VALUES(in_low_band),"
                + " in_runway_band = VALUES(in_runway_band), window_spend = VALUES(window_spend),"
                + " daily_spend = VALUES(daily_spend), days_to_zero = VALUES(days_to_zero),"
                + " runway_carried = VALUES(runway_carried)", states);
        jdbc.batchUpdate("INSERT INTO enforcement_action (business_date, account_id, seq, store_id, action, from_stage,"
                + " to_stage, owed, currency, days_past_due) VALUES (?,?,?,?,?,?,?,?,?,?)", actions);
        jdbc.batchUpdate("INSERT INTO credit_impact (business_date, account_id, event, status_code, previous_status_code,"
                + " amount_past_due, currency, days_past_due, first_delinquency) VALUES (?,?,?,?,?,?,?,?,?)", credit);
    }

    /**
     * @param anchors filled with each account's stored anchor (oldest_unpaid_date), where it had one
     * @param carried filled with each prior state's runway window (SPEC 10) and its date
     */
    private Map<String, AccountState> priorStates(String first, String last, Map<String, LocalDate> anchors,
                                                  Map<String, Carried> carried) {
        Map<String, AccountState> out = new HashMap<>();
        boolean runway = engine.runway().isPresent();
        jdbc.query("SELECT account_id, stage, enforced_stage, sticky_floor, credit_status, first_delinquency, in_low_band,"
                + " in_runway_band, oldest_unpaid_date" + (runway ? ", as_of_date, runway_carried" : "")
                + " FROM account_state WHERE account_id BETWEEN ? AND ?", rs -> {
                    out.put(rs.getString(1), new AccountState(rs.getString(2), rs.getString(3), rs.getString(4),
                            rs.getString(5), rs.getObject(6, LocalDate.class), "Y".equals(rs.getString(7)),
                            "Y".equals(rs.getString(8))));
                    LocalDate anchor = rs.getObject(9, LocalDate.class);
                    if (anchor != null) {
                        anchors.put(rs.getString(1), anchor);
                    }
                    if (runway) {
                        carried.put(rs.getString(1), new Carried(rs.getObject(10, LocalDate.class), rs.getString(11)));
                    }
                }, first, last);
        return out;
    }

    /** The runway window an account's last classification carried over, and that night's date. */
    private record Carried(LocalDate asOf, String text) {
    }

    /** The chunk's accounts that owe (only their ageing needs spend history), with last night's anchor. */
    private static List<SpendTails.Owing> owing(Chunk<? extends AccountToClassify> chunk, Map<String, LocalDate> anchors) {
        List<SpendTails.Owing> owing = new ArrayList<>();
        for (AccountToClassify a : chunk) {
            if (a.balance().signum() < 0) {
                owing.add(new SpendTails.Owing(a.accountId(), a.balance().negate(), anchors.get(a.accountId())));
            }
        }
        return owing;
    }

    /**
     * S of SPEC 10 for the chunk's accounts and the window to carry on; empty when the policy has no runway
     * block. Carried on from last night's state where it can be; only otherwise (the first night with the
     * block, a changed window_days) are the window's nights read, once for the chunk.
     */
    private Map<String, RunwaySpendWindow.Window> runwayWindows(Chunk<? extends AccountToClassify> chunk, String first,
            String last, Map<String, AccountState> prior, Map<String, Carried> carried) {
        if (engine.runway().isEmpty()) {
            return Map.of();
        }
        int days = engine.runway().get().windowDays();
        Map<String, RunwaySpendWindow.Window> out = new HashMap<>();
        List<AccountToClassify> unread = new ArrayList<>();
        for (AccountToClassify a : chunk) {
            RunwaySpendWindow.Window w;
            if (a.debits() == null) {
                w = null; // a reader that does not give the totals: the window is read
            } else if (!prior.containsKey(a.accountId())) {
                // never classified: the account arrived tonight, so all its spend was posted tonight
                w = RunwaySpendWindow.firstNight(businessDate, days, a.debits());
            } else {
                Carried c = carried.get(a.accountId());
                w = RunwaySpendWindow.advance(c.text(), c.asOf(), businessDate, days, a.debits());
            }
            if (w == null) {
                unread.add(a);
            } else {
                out.put(a.accountId(), w);
            }
        }
        if (!unread.isEmpty()) {
            if (runwayWindow == null) {
                runwayWindow = new RunwayWindowStore(jdbc, businessDate, engine.runway().get());
            }
            Map<String, Map<LocalDate, BigDecimal>> nights = runwayWindow.spendByNight(first, last);
            for (AccountToClassify a : unread) {
                out.put(a.accountId(), RunwaySpendWindow.fromPostings(nights.getOrDefault(a.accountId(), Map.of()),
                        businessDate, days, a.debits()));
            }
        }
        return out;
    }

    private static BigDecimal windowSpend(Map<String, RunwaySpendWindow.Window> windows, AccountToClassify a) {
        RunwaySpendWindow.Window w = windows.get(a.accountId());
        return w == null ? null : w.windowSpend();
    }

    /** The same as the batched statements, as three loads. */
    private void writeLoading(Chunk<? extends AccountToClassify> chunk, Map<String, AccountState> prior,
                              Map<String, NavigableMap<LocalDate, BigDecimal>> spend,
                              Map<String, RunwaySpendWindow.Window> windowSpend) {
        BulkLoad states = new BulkLoad();
        BulkLoad actions = new BulkLoad();
        BulkLoad credit = new BulkLoad();
        for (AccountToClassify a : chunk) {
            ArrearsOutcome o = engine.classify(new ArrearsInput(businessDate, a.accountId(), a.currency(), a.hold(),
                    a.balance(), spend.getOrDefault(a.accountId(), new TreeMap<>()), a.earliestReversalDate(),
                    prior.get(a.accountId()), windowSpend(windowSpend, a)));
            AccountState n = o.next();
            RunwayForecast r = o.runway();
            RunwaySpendWindow.Window w = windowSpend.get(a.accountId());
            states.text(a.accountId()).date(businessDate).decimal(a.balance()).decimal(o.owed()).date(o.oldestUnpaidDate())
                    .number(o.daysPastDue()).text(o.stage()).text(o.enforcedStage()).text(n.stickyFloor())
                    .text(o.creditStatus()).date(n.dateOfFirstDelinquency()).text(n.inLowBand() ? "Y" : "N")
                    .text(n.inRunwayBand() ? "Y" : "N").decimal(r == null ? null : r.windowSpend())
                    .decimal(r == null ? null : r.dailySpend()).decimal(r == null ? null : r.daysToZero())
                    .text(w == null ? null : w.carried()).endRow();
            int seq = 0;
            for (EnforcementAction action : o.actions()) {
                actions.date(businessDate).text(a.accountId()).number(++seq).text(a.storeId()).text(action.action())
                        .text(action.fromStage()).text(action.toStage()).decimal(o.owed()).text(a.currency())
                        .number(o.daysPastDue()).endRow();
            }
            CreditRecord c = o.creditRecord();
            if (c != null) {
                credit.date(businessDate).text(a.accountId()).text(c.event()).text(c.statusCode())
                        .text(c.previousStatusCode()).decimal(o.owed()).text(a.currency()).number(o.daysPastDue())
                        .date(c.dateOfFirstDelinquency()).endRow();
            }
        }
        states.replacing(jdbc, "account_state", "account_id, as_of_date, balance, owed, oldest_unpaid_date, days_past_due,"
                + " stage, enforced_stage, sticky_floor, credit_status, first_delinquency, in_low_band, in_runway_band,"
                + " window_spend, daily_spend, days_to_zero, runway_carried");
        actions.into(jdbc, "enforcement_action", "business_date, account_id, seq, store_id, action, from_stage, to_stage,"
                + " owed, currency, days_past_due");
        credit.into(jdbc, "credit_impact", "business_date, account_id, event, status_code, previous_status_code,"
                + " amount_past_due, currency, days_past_due, first_delinquency");
    }

    private static Date date(LocalDate d) {
        return d == null ? null : Date.valueOf(d);
    }
}
