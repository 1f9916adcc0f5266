package com.p4p.arrears.arrears;

import java.math.BigDecimal;
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

import com.p4p.arrears.db.BulkLoad;
import com.p4p.arrears.ops.StepMetrics;

/**
 * Classifies a chunk of accounts: loads their prior state in one query and the spend history their
 * ageing needs ({@link SpendHistoryStore}: the owing accounts' newest spend back to the anchor, nothing
 * for the others), runs the {@link ArrearsEngine} on every account, and stores the new state, the
 * enforcement actions and the credit-impact records in the chunk's transaction.
 * <p>
 * A chunk is a run of consecutive accounts in id order (the reader pages through the account table by
 * id), so the prior states are read as the id range from its first to its last account. Each account is
 * classified once; its rows are written by the {@link AccountStateStore}, which alone knows how.
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

    private final AccountStateStore store;
    private final SpendHistoryStore spendHistory;
    private StepExecution stepExecution;
    /** S per account of SPEC 10; created on the first chunk, only when the policy has a runway block. */
    private RunwayWindowStore runwayWindow;
    private final ClassificationTimes times = new ClassificationTimes();
    /** Accounts whose runway window was carried on, read from account_day_delta, and those reads. */
    private long windowsCarried;
    private long windowsRead;
    private long windowReads;

    public ArrearsClassificationWriter(LocalDate businessDate, ArrearsEngine engine, JdbcTemplate jdbc) {
        this.businessDate = businessDate;
        this.engine = engine;
        this.jdbc = jdbc;
        this.store = new AccountStateStore(jdbc);
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
        // one line per partition: "classifyAccounts partition1: ..." (the step alone: "classifyAccounts: ...")
        String step = stepExecution.getStepName();
        String partition = step.contains(":") ? " " + step.substring(step.indexOf(':') + 1) : "";
        log.info("classifyAccounts" + partition + ": " + c.rows() + " spend history rows read for " + c.owingAccounts()
                + " owing accounts (" + c.keptAccounts() + " kept their anchor without reading, " + c.forwardAccounts()
                + " moved it forward, " + c.furtherAccounts() + " read further back than the previous anchor), in "
                + c.reads() + " reads seeking " + c.seeks() + " weeks of an account");
        log.info("classifyAccounts" + partition + ": of those rows " + c.rowsFromAnchor() + " read from the previous anchor"
                + " (or the last days: new debt), " + c.rowsForward() + " moving kept anchors forward, " + c.rowsFurther()
                + " further back; kept tails carried on " + c.tailsCarried() + " (" + c.tailsThroughLateCharges()
                + " through a late charge on or before the anchor), dropped " + c.tailsDropped());
        log.info("classifyAccounts" + partition + ": time in the writer: " + times.summary());
        if (engine.runway().isPresent()) {
            log.info("classifyAccounts" + partition + ": runway windows carried on (or begun, for new accounts) for " + windowsCarried
                    + " accounts, read for " + windowsRead + " (in " + windowReads + " reads)");
        }
        return stepExecution.getExitStatus();
    }

    @Override
    public void write(Chunk<? extends AccountToClassify> chunk) {
        if (chunk.isEmpty()) {
            return;
        }
        String first = chunk.getItems().get(0).accountId();
        String last = chunk.getItems().get(chunk.size() - 1).accountId();
        times.start();
        AccountStateStore.Prior prior = store.load(first, last, businessDate, engine.runway().isPresent());
        times.lap(ClassificationTimes.PRIOR);
        Map<String, NavigableMap<LocalDate, BigDecimal>> spend = spendHistory.tails(businessDate,
                owing(chunk, prior, first, last));
        times.lap(ClassificationTimes.HISTORY);
        if (stepExecution != null) {
            stepExecution.getExecutionContext().putLong(StepMetrics.HISTORY_ROWS_READ, spendHistory.counts().rows());
            stepExecution.getExecutionContext().putLong(StepMetrics.TAILS_THROUGH_LATE_CHARGES,
                    spendHistory.counts().tailsThroughLateCharges());
        }
        Map<String, RunwaySpendWindow.Window> windowSpend = runwayWindows(chunk, first, last, prior.states(),
                prior.carried());
        times.lap(ClassificationTimes.RUNWAY);

        int windowDays = engine.runway().map(r -> r.windowDays()).orElse(0);
        BulkLoad states = new BulkLoad();
        BulkLoad actions = new BulkLoad();
        BulkLoad credit = new BulkLoad();
        for (AccountToClassify a : chunk) {
            NavigableMap<LocalDate, BigDecimal> tail = spend.getOrDefault(a.accountId(), new TreeMap<>());
            ArrearsOutcome o = engine.classify(new ArrearsInput(businessDate, a.accountId(), a.currency(), a.hold(),
                    a.balance(), tail, a.earliestReversalDate(), prior.states().get(a.accountId()),
                    windowSpend(windowSpend, a)));
            AccountStateStore.stateRow(states, businessDate, a, o, windowSpend.get(a.accountId()), windowDays,
                    KeptTail.of(businessDate, o.owed(), o.oldestUnpaidDate(), tail, a.debits()));
            int seq = 0;
            for (EnforcementAction action : o.actions()) {
                AccountStateStore.actionRow(actions, businessDate, a, o, ++seq, action);
            }
            if (o.creditRecord() != null) {
                AccountStateStore.creditRow(credit, businessDate, a, o, o.creditRecord());
            }
        }
        times.lap(ClassificationTimes.CLASSIFY);
        store.save(states, actions, credit);
        times.lap(ClassificationTimes.SAVE);
    }

    /**
     * The chunk's accounts that owe (only their ageing needs spend history), with last night's anchor and
     * the tail it kept, carried on through the spend posted since ({@link KeptTail#carriedOn}).
     */
    private List<SpendTails.Owing> owing(Chunk<? extends AccountToClassify> chunk, AccountStateStore.Prior prior,
                                         String first, String last) {
        Map<String, List<KeptTail.Posted>> postedSince = prior.kept().isEmpty() ? Map.of()
                : spendHistory.spendPostedSince(prior.keptSince(), businessDate, first, last);
        List<SpendTails.Owing> owing = new ArrayList<>();
        for (AccountToClassify a : chunk) {
            if (a.balance().signum() < 0) {
                KeptTail kept = postedSince == null ? null : prior.kept().get(a.accountId());
                SpendTails.Tail tail = null;
                if (kept != null) {
                    List<KeptTail.Posted> posted = postedSince.getOrDefault(a.accountId(), List.of());
                    tail = kept.carriedOn(a.debits(), posted);
                    spendHistory.counts().keptTail(tail != null, kept.lateChargeSince(posted));
                }
                owing.add(new SpendTails.Owing(a.accountId(), a.balance().negate(),
                        prior.anchors().get(a.accountId()), tail));
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
            String last, Map<String, AccountState> prior, Map<String, AccountStateStore.Carried> carried) {
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
                AccountStateStore.Carried c = carried.get(a.accountId());
                w = RunwaySpendWindow.advance(c.text(), c.asOf(), businessDate, days, a.debits());
            }
            if (w == null) {
                unread.add(a);
            } else {
                out.put(a.accountId(), w);
            }
        }
        windowsCarried += out.size();
        if (!unread.isEmpty()) {
            windowsRead += unread.size();
            windowReads++;
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

}
