package com.p4p.arrears.report;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.p4p.arrears.arrears.AccountState;
import com.p4p.arrears.arrears.ArrearsEngine;
import com.p4p.arrears.arrears.ArrearsInput;
import com.p4p.arrears.arrears.ArrearsOutcome;
import com.p4p.arrears.arrears.EnforcementAction;
import com.p4p.arrears.credit.CreditRecord;
import com.p4p.arrears.policy.Policy;
import com.p4p.arrears.policy.RunwayRule;
import com.p4p.arrears.policy.StageRule;

/**
 * Replays every completed night from the first (SPEC 11, what-if): the ledger exactly as posted, fed
 * forward night by night (one read of it), each night's accounts and holds as they were, classified
 * twice by the same {@link ArrearsEngine} the nights use: once with the policy under study, once with
 * the policy each night ran with. The second replay must give what the nights stored; a night where it
 * does not is named in the log as not exactly replayed (its accounts' hold history predates V9). It is
 * also "current" for the per-account comparison when the last reported night is not the last night.
 */
public final class WhatIfReplay {

    private static final Logger progress = LoggerFactory.getLogger("progress");
    public static final String ACCOUNTS = "accounts";
    public static final String ACTIONS = "actions";
    public static final String CREDIT_RECORDS = "credit_records";
    public static final List<String> CREDIT_EVENTS =
            List.of(CreditRecord.DELINQUENT, CreditRecord.WORSENED, CreditRecord.IMPROVED, CreditRecord.CURED);

    /** A completed night and the policy it ran with. */
    public record Night(LocalDate date, String policyPath, Policy policy) {
    }

    /** One row of whatif_summary.csv. */
    public record SummaryRow(LocalDate businessDate, String metric, String key, long current, long whatIf) {
        public long difference() {
            return whatIf - current;
        }
    }

    /** One row of whatif_accounts.csv (owed and days as the nights computed them: ageing is policy-free). */
    public record AccountRow(String accountId, String currency, BigDecimal owed, int daysPastDue, String stage,
                             String whatIfStage, String enforcedStage, String whatIfEnforcedStage, String creditStatus,
                             String whatIfCreditStatus) {
    }

    public record Result(LocalDate from, LocalDate to, List<SummaryRow> summary, List<AccountRow> accounts,
                         List<LocalDate> notExact) {
    }

    /** Per night and metric, key -> count. */
    private static final class Tally {
        final Map<String, Map<String, Long>> byMetric = new HashMap<>();

        void add(String metric, String key) {
            byMetric.computeIfAbsent(metric, k -> new HashMap<>()).merge(key, 1L, Long::sum);
        }

        long get(String metric, String key) {
            return byMetric.getOrDefault(metric, Map.of()).getOrDefault(key, 0L);
        }
    }

    private final WhatIfStore store;
    private final Policy whatIf;

    public WhatIfReplay(WhatIfStore store, Policy whatIf) {
        this.store = store;
        this.whatIf = whatIf;
    }

    public Result replay(List<Night> nights, LocalDate from, LocalDate to) {
        long start = System.nanoTime();
        ReplayLedger ledger = new ReplayLedger();
        List<String> currency = new ArrayList<>();
        List<Boolean> holdNow = new ArrayList<>();
        List<LocalDate> firstSeen = new ArrayList<>();
        store.accounts(to, a -> {
            ledger.add(a.accountId());
            currency.add(a.currency());
            holdNow.add(a.holdNow());
            firstSeen.add(a.firstSeenDate());
        });
        int n = ledger.size();
        // SPEC 10: S per account per night from the same pass, for whichever policies have a runway block
        int whatIfWindow = windowDays(whatIf);
        int span = whatIfWindow;
        for (Night night : nights) {
            span = Math.max(span, windowDays(night.policy()));
        }
        ledger.keepWindows(span);
        Map<String, NavigableMap<LocalDate, Boolean>> holds = store.holdChanges();
        NavigableMap<LocalDate, Long> ledgerDays = store.ledgerDays();
        WhatIfStore.StoredCounts stored = store.stored(from, to);
        progress.info("what-if: " + n + " accounts, " + nights.size() + " nights to replay, reporting " + from + " .. " + to);

        ArrearsEngine whatIfEngine = new ArrearsEngine(whatIf);
        Map<String, ArrearsEngine> ownEngines = new HashMap<>();
        AccountState[] whatIfState = new AccountState[n];
        AccountState[] ownState = new AccountState[n];
        ArrearsOutcome[] lastWhatIf = new ArrearsOutcome[n];
        ArrearsOutcome[] lastOwn = new ArrearsOutcome[n];
        List<SummaryRow> summary = new ArrayList<>();
        List<LocalDate> notExact = new ArrayList<>();
        long previousLast = 0;
        for (Night night : nights) {
            if (night.date().isAfter(to)) {
                break;
            }
            long nightStart = System.nanoTime();
            LocalDate d = night.date();
            Long last = ledgerDays.get(d);
            if (last == null) {
                throw new IllegalStateException("the ledger day of " + d + " was never closed (no ledger_day row):"
                        + " its entries cannot be told from the next night's");
            }
            ledger.night(d);
            long entries = store.entries(d, previousLast, last, ledger::post);
            previousLast = last;

            ArrearsEngine own = ownEngines.computeIfAbsent(night.policyPath(), k -> new ArrearsEngine(night.policy()));
            int ownWindow = windowDays(night.policy());
            Tally whatIfTally = new Tally();
            Tally ownTally = new Tally();
            int classified = 0;
            for (int i = 0; i < n; i++) {
                if (firstSeen.get(i).isAfter(d)) {
                    continue;
                }
                classified++;
                String id = ledger.id(i);
                boolean hold = HoldHistory.holdOn(holds.get(id), holdNow.get(i), d);
                BigDecimal balance = ledger.balance(i);
                // the spend history only matters to an account that owes (ageing reads it only then).
                NavigableMap<LocalDate, BigDecimal> spend = ledger.owes(i) ? ledger.spendByChargeDate(i) : null;
                LocalDate reversal = ledger.earliestReversal(i);
                // S of SPEC 10 with each policy's own window_days (only a balance > 0 can be forecast)
                boolean canForecast = balance.signum() > 0;
                BigDecimal whatIfS = whatIfWindow > 0 && canForecast ? ledger.windowSpend(i, whatIfWindow) : null;
                BigDecimal ownS = ownWindow > 0 && canForecast ? ledger.windowSpend(i, ownWindow) : null;
                ArrearsOutcome w = whatIfEngine.classify(new ArrearsInput(d, id, currency.get(i), hold, balance, spend,
                        reversal, whatIfState[i], whatIfS));
                ArrearsOutcome o = own.classify(new ArrearsInput(d, id, currency.get(i), hold, balance, spend,
                        reversal, ownState[i], ownS));
                whatIfState[i] = w.next();
                ownState[i] = o.next();
                tally(whatIfTally, w);
                tally(ownTally, o);
                if (d.equals(to)) {
                    lastWhatIf[i] = w;
                    lastOwn[i] = o;
                }
            }
            if (!d.isBefore(from)) {
                Tally current = new Tally();
                stored.accounts().getOrDefault(d, Map.of()).forEach((k, v) -> current.byMetric
                        .computeIfAbsent(ACCOUNTS, x -> new HashMap<>()).put(k, v));
                stored.actions().getOrDefault(d, Map.of()).forEach((k, v) -> current.byMetric
                        .computeIfAbsent(ACTIONS, x -> new HashMap<>()).put(k, v));
                stored.creditRecords().getOrDefault(d, Map.of()).forEach((k, v) -> current.byMetric
                        .computeIfAbsent(CREDIT_RECORDS, x -> new HashMap<>()).put(k, v));
                if (!withoutZeros(current).equals(withoutZeros(ownTally))) {
                    notExact.add(d);
                    progress.warn("what-if: night " + d + " replayed with its own policy does not give what it stored"
                            + " (stored " + withoutZeros(current) + ", replayed " + withoutZeros(ownTally) + "): an account's hold"
                            + " history predates migration V9, so this night is not replayed exactly");
                }
                for (Map.Entry<String, Set<String>> metric : keys(night.policy()).entrySet()) {
                    for (String key : metric.getValue()) {
                        summary.add(new SummaryRow(d, metric.getKey(), key, current.get(metric.getKey(), key),
                                whatIfTally.get(metric.getKey(), key)));
                    }
                }
            }
            progress.info(String.format("what-if: night %s replayed: %d entries, %d accounts, %.1f s", d, entries,
                    classified, (System.nanoTime() - nightStart) / 1e9));
        }

        List<AccountRow> accounts = new ArrayList<>();
        Map<String, WhatIfStore.StoredState> states = nights.get(nights.size() - 1).date().equals(to)
                ? store.storedStates() : Map.of();
        for (int i = 0; i < n; i++) {
            ArrearsOutcome w = lastWhatIf[i];
            if (w == null) {
                continue;
            }
            ArrearsOutcome o = lastOwn[i];
            WhatIfStore.StoredState s = states.get(ledger.id(i));
            // current = as stored when the last reported night is the last night; else the nights' own replay
            String stage = s != null && s.asOfDate().equals(to) ? s.stage() : o.stage();
            String enforced = s != null && s.asOfDate().equals(to) ? s.enforcedStage() : o.enforcedStage();
            String credit = s != null && s.asOfDate().equals(to) ? s.creditStatus() : o.creditStatus();
            if (!stage.equals(w.stage()) || !enforced.equals(w.enforcedStage()) || !credit.equals(w.creditStatus())) {
                accounts.add(new AccountRow(ledger.id(i), currency.get(i), w.owed(), w.daysPastDue(), stage, w.stage(),
                        enforced, w.enforcedStage(), credit, w.creditStatus()));
            }
        }
        accounts.sort((a, b) -> Formats.BYTE_ORDER.compare(a.accountId(), b.accountId()));
        summary.sort((a, b) -> {
            int c = a.businessDate().compareTo(b.businessDate());
            if (c == 0) {
                c = Formats.BYTE_ORDER.compare(a.metric(), b.metric());
            }
            return c != 0 ? c : Formats.BYTE_ORDER.compare(a.key(), b.key());
        });
        progress.info(String.format("what-if: replayed in %.1f s; %d accounts differ on %s", (System.nanoTime() - start) / 1e9,
                accounts.size(), to));
        return new Result(from, to, summary, accounts, notExact);
    }

    /** The policy's runway window_days, 0 without a runway block. */
    private static int windowDays(Policy p) {
        return p.runway().map(RunwayRule::windowDays).orElse(0);
    }

    private static void tally(Tally t, ArrearsOutcome o) {
        t.add(ACCOUNTS, o.stage());
        for (EnforcementAction a : o.actions()) {
            t.add(ACTIONS, a.action());
        }
        if (o.creditRecord() != null) {
            t.add(CREDIT_RECORDS, o.creditRecord().event());
        }
    }

    /** The non-zero counts: the stored summary lists every stage, zeros included; a tally only what occurred. */
    private static Map<String, Map<String, Long>> withoutZeros(Tally t) {
        Map<String, Map<String, Long>> out = new TreeMap<>();
        t.byMetric.forEach((metric, counts) -> counts.forEach((key, v) -> {
            if (v != 0) {
                out.computeIfAbsent(metric, k -> new TreeMap<>()).put(key, v);
            }
        }));
        return out;
    }

    /**
     * The keys of a night's summary rows: CURRENT and every stage of either policy; every action either
     * policy's stages name, NOTIFY_LOW_BALANCE, and NOTIFY_RUNWAY when either policy has a runway block
     * (SPEC 10); the four credit events.
     */
    private Map<String, Set<String>> keys(Policy nightPolicy) {
        Map<String, Set<String>> keys = new TreeMap<>();
        Set<String> stages = new TreeSet<>(Formats.BYTE_ORDER);
        stages.addAll(whatIf.stageNames());
        stages.addAll(nightPolicy.stageNames());
        Set<String> actions = new TreeSet<>(Formats.BYTE_ORDER);
        for (Policy p : List.of(whatIf, nightPolicy)) {
            for (StageRule s : p.stages()) {
                actions.addAll(s.enter());
                actions.addAll(s.leave());
            }
        }
        actions.add(EnforcementAction.NOTIFY_LOW_BALANCE);
        if (whatIf.runway().isPresent() || nightPolicy.runway().isPresent()) {
            actions.add(EnforcementAction.NOTIFY_RUNWAY);
        }
        keys.put(ACCOUNTS, stages);
        keys.put(ACTIONS, actions);
        keys.put(CREDIT_RECORDS, new TreeSet<>(CREDIT_EVENTS));
        return keys;
    }
}
