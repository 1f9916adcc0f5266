package com.p4p.arrears.report;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;

import com.p4p.arrears.arrears.Ageing;
import com.p4p.arrears.arrears.RunwayForecast;
import com.p4p.arrears.credit.CreditStatus;
import com.p4p.arrears.policy.CurrencyRule;
import com.p4p.arrears.policy.Policy;
import com.p4p.arrears.policy.RunwayRule;
import com.p4p.arrears.policy.StageRule;
import com.p4p.arrears.report.AccountExplanationStore.AccountRow;
import com.p4p.arrears.report.AccountExplanationStore.ActionRow;
import com.p4p.arrears.report.AccountExplanationStore.CreditRow;
import com.p4p.arrears.report.AccountExplanationStore.StateRow;

/**
 * The arithmetic behind one account's row of account_status.csv for one night (SPEC 11, explain):
 * computed here from what the night stored, rendered elsewhere ({@link AccountExplanationText},
 * {@link AccountExplanationJson}). The row's own values are the stored ones, formatted as the night
 * wrote them; the walk, the conditions and the credit rule are recomputed with the same rules
 * (Ageing, StageRule, CreditStatus) and any disagreement with what was stored is listed.
 */
public record AccountExplanation(
        LocalDate businessDate, String policySource, Row row, String credits, String debits,
        List<FifoDay> fifo, String anchorRule, List<StageCheck> stages, String rulesStage, String stickyFloor,
        boolean stageFromFloor, String targetStage, List<Transition> transitions, CreditExplanation credit,
        Runway runway, List<String> disagreements) {

    /**
     * The runway figures of SPEC 10 (null when the night's policy has no runway block): S from the spend
     * each run of the window posted, and the night's runway.csv figures as stored. dailySpend and daysToZero
     * are null when there is no forecast (balance &lt;= 0 or S = 0: then the account has no runway.csv row).
     *
     * @param nights the window's runs with spend, oldest first (runs without spend are not listed)
     * @param reason why the account is (not) forecast and (not) in the band, in words
     */
    public record Runway(int windowDays, int horizonDays, LocalDate windowFrom, List<RunwayNight> nights,
                         String windowSpend, String balance, String dailySpend, String daysToZero, boolean forecast,
                         boolean inBand, String reason) {
    }

    /** One run of the runway window: the spend it posted to the account. */
    public record RunwayNight(LocalDate businessDate, String spend) {
    }

    /** The account_status.csv row as written (null where the file has an empty field). */
    public record Row(String businessDate, String accountId, String storeId, String currency, String balance,
                      String owed, String oldestUnpaidDate, String daysPastDue, String stage, String enforcedStage,
                      String creditStatus, String hold) {
    }

    /** One charge date of the FIFO walk, newest first: its spend and the spend on or after it. */
    public record FifoDay(LocalDate chargeDate, String amount, String runningSum, boolean anchor) {
    }

    /**
     * One stage of the policy and its conditions tonight.
     *
     * @param minOwed   the amount condition in the account's currency; null when the stage has none
     * @param owedHeld  null when there is no amount condition; false also when min_owed lacks the currency
     */
    public record StageCheck(int severity, String name, int minDaysPastDue, boolean daysHeld, boolean hasAmountCondition,
                             String minOwed, Boolean owedHeld, boolean matches, boolean sticky,
                             List<String> enter, List<String> leave) {
    }

    /** One night's enforcement actions for the account: one transition (plus any alert). */
    public record Transition(LocalDate businessDate, String fromStage, String toStage, List<String> actions,
                             String owed, int daysPastDue) {
    }

    /**
     * @param earned   the status tonight's owed and days earn (CreditStatus.of)
     * @param withheld a worse status than the last reported one, not reported because of the hold
     */
    public record CreditExplanation(String earned, String reported, String creditMinOwed, boolean owedBelowMinimum,
                                    boolean under30Days, boolean withheld, LocalDate dateOfFirstDelinquency,
                                    List<CreditEvent> history) {
    }

    /** One credit_impact record of the account, amounts as the night wrote them. */
    public record CreditEvent(LocalDate businessDate, String event, String statusCode, String previousStatusCode,
                              String amountPastDue, int daysPastDue, LocalDate firstDelinquency) {
    }

    public static AccountExplanation of(LocalDate night, String policySource, Policy policy, AccountRow account,
                                        StateRow state, boolean hold, NavigableMap<LocalDate, BigDecimal> spend,
                                        List<ActionRow> actions, List<CreditRow> creditHistory,
                                        NavigableMap<LocalDate, BigDecimal> windowSpendByNight) {
        String cur = account.currency();
        CurrencyRule rule = policy.currency(cur).orElseThrow(() -> new IllegalStateException(
                "account " + account.accountId() + " is in " + cur + ", which the night's policy does not list"));
        List<String> disagreements = new ArrayList<>();

        BigDecimal balance = account.credits().subtract(account.debits());
        BigDecimal owed = balance.signum() < 0 ? balance.negate() : BigDecimal.ZERO;
        check(disagreements, "balance", balance, state.balance());

        LocalDate anchor = Ageing.anchor(owed, spend, account.earliestReversalDate());
        int days = Ageing.daysPastDue(anchor, night);
        List<FifoDay> fifo = new ArrayList<>();
        String anchorRule;
        if (owed.signum() == 0) {
            anchorRule = "nothing is owed: no anchor, 0 days past due";
        } else if (spend.isEmpty()) {
            anchorRule = "no spend at all: the anchor is the earliest refund or chargeback date";
        } else {
            BigDecimal running = BigDecimal.ZERO;
            for (Map.Entry<LocalDate, BigDecimal> d : spend.descendingMap().entrySet()) {
                running = running.add(d.getValue());
                boolean last = d.getKey().equals(anchor);
                fifo.add(new FifoDay(d.getKey(), Formats.money(d.getValue(), cur, policy),
                        Formats.money(running, cur, policy), last));
                if (last) {
                    break;
                }
            }
            anchorRule = running.compareTo(owed) >= 0
                    ? "the newest spend back to " + anchor + " (" + Formats.money(running, cur, policy)
                            + ") is the first to cover owed " + Formats.money(owed, cur, policy)
                    : "owed exceeds all the spend (" + Formats.money(running, cur, policy)
                            + "): the anchor is the earliest charge date";
        }
        if (!java.util.Objects.equals(anchor, state.oldestUnpaidDate())) {
            disagreements.add("oldest_unpaid_date: recomputed " + anchor + ", stored " + state.oldestUnpaidDate());
        }
        if (days != state.daysPastDue()) {
            disagreements.add("days_past_due: recomputed " + days + ", stored " + state.daysPastDue());
        }

        List<StageCheck> checks = new ArrayList<>();
        int matched = 0;
        for (int s = 1; s <= policy.stages().size(); s++) {
            StageRule r = policy.stageAt(s);
            boolean daysHeld = days >= r.minDaysPastDue();
            BigDecimal min = r.minOwed() == null ? null : r.minOwed().get(cur);
            Boolean owedHeld = r.minOwed() == null ? null : min != null && owed.compareTo(min) >= 0;
            boolean matches = owed.signum() > 0 && r.matches(days, owed, cur);
            if (matches) {
                matched = s;
            }
            checks.add(new StageCheck(s, r.name(), r.minDaysPastDue(), daysHeld, r.minOwed() != null,
                    min == null ? null : Formats.money(min, cur, policy), owedHeld, matches, r.sticky(),
                    r.enter(), r.leave()));
        }
        String rulesStage = matched == 0 ? Policy.CURRENT : policy.stageAt(matched).name();
        boolean fromFloor = policy.severity(state.stage()) > matched;
        String target = hold ? Policy.CURRENT : state.stage();
        if (!target.equals(state.enforcedStage())) {
            disagreements.add("enforced_stage: the target is " + target + ", stored " + state.enforcedStage());
        }

        List<Transition> transitions = new ArrayList<>();
        for (ActionRow a : actions) {
            Transition t = transitions.isEmpty() ? null : transitions.get(transitions.size() - 1);
            if (t != null && t.businessDate().equals(a.businessDate()) && t.toStage().equals(a.toStage())
                    && t.fromStage().equals(a.fromStage())) {
                t.actions().add(a.action());
            } else {
                List<String> names = new ArrayList<>();
                names.add(a.action());
                transitions.add(new Transition(a.businessDate(), a.fromStage(), a.toStage(), names,
                        Formats.money(a.owed(), cur, policy), a.daysPastDue()));
            }
        }

        String earned = CreditStatus.of(owed, days, rule.creditMinOwed());
        boolean withheld = hold && CreditStatus.isWorse(earned, state.creditStatus());
        CreditExplanation credit = new CreditExplanation(earned, state.creditStatus(),
                Formats.money(rule.creditMinOwed(), cur, policy), owed.compareTo(rule.creditMinOwed()) < 0, days < 30,
                withheld, state.firstDelinquency(), creditHistory.stream().map(x -> new CreditEvent(x.businessDate(),
                        x.event(), x.statusCode(), x.previousStatusCode(), Formats.money(x.amountPastDue(), cur, policy),
                        x.daysPastDue(), x.firstDelinquency())).toList());

        Row row = new Row(night.toString(), account.accountId(), account.storeId(), cur,
                Formats.money(state.balance(), cur, policy), Formats.money(state.owed(), cur, policy),
                state.oldestUnpaidDate() == null ? null : state.oldestUnpaidDate().toString(),
                Integer.toString(state.daysPastDue()), state.stage(), state.enforcedStage(), state.creditStatus(),
                hold ? "Y" : "N");
        Runway runway = policy.runway().map(r -> runway(r, night, cur, rule.minorDigits(), policy, state,
                windowSpendByNight, disagreements)).orElse(null);
        return new AccountExplanation(night, policySource, row, Formats.money(account.credits(), cur, policy),
                Formats.money(account.debits(), cur, policy), fifo, anchorRule, checks, rulesStage,
                state.stickyFloor(), fromFloor, target, transitions, credit, runway, disagreements);
    }

    /**
     * SPEC 10 for the account: S recomputed from the window's runs, the forecast recomputed from it and the
     * night's balance with the same rule (RunwayForecast), and the stored figures (runway.csv's) shown.
     */
    private static Runway runway(RunwayRule r, LocalDate night, String cur, int digits, Policy policy, StateRow state,
                                 NavigableMap<LocalDate, BigDecimal> byNight, List<String> disagreements) {
        NavigableMap<LocalDate, BigDecimal> nights = byNight == null ? new java.util.TreeMap<>() : byNight;
        BigDecimal s = nights.values().stream().reduce(BigDecimal.ZERO, BigDecimal::add);
        BigDecimal balance = state.balance();
        RunwayForecast recomputed = RunwayForecast.of(balance, s, r, digits);
        boolean forecast = state.daysToZero() != null;
        if (forecast != (recomputed != null)) {
            disagreements.add("runway: recomputed " + (recomputed == null ? "no forecast" : "a forecast")
                    + ", stored " + (forecast ? "a forecast" : "no forecast"));
        } else if (forecast) {
            check(disagreements, "window_spend (S)", s, state.windowSpend());
            check(disagreements, "days_to_zero", recomputed.daysToZero(), state.daysToZero());
            check(disagreements, "daily_spend", recomputed.dailySpend(), state.dailySpend());
        }
        if (state.inRunwayBand() != (recomputed != null && recomputed.inBand())) {
            disagreements.add("in_runway_band: recomputed " + (recomputed != null && recomputed.inBand() ? "Y" : "N")
                    + ", stored " + (state.inRunwayBand() ? "Y" : "N"));
        }
        String money = Formats.money(balance, cur, policy);
        String sText = Formats.money(s, cur, policy);
        String reason;
        if (balance.signum() <= 0) {
            reason = "balance " + money + " <= 0: no forecast (arrears, not a runway warning), not in the band";
        } else if (s.signum() == 0) {
            reason = "S = 0 (no spend posted in the window): no forecast, not in the band";
        } else if (forecast) {
            String days = state.daysToZero().setScale(0, java.math.RoundingMode.UNNECESSARY).toPlainString();
            reason = "days_to_zero = floor(" + money + " x " + r.windowDays() + " / " + sText + ") = " + days
                    + (state.inRunwayBand() ? " < " : " >= ") + "horizon_days " + r.horizonDays()
                    + (state.inRunwayBand() ? ": in the band" : ": not in the band");
        } else {
            reason = "no forecast stored";
        }
        LocalDate from = night.minusDays(r.windowDays() - 1L);
        return new Runway(r.windowDays(), r.horizonDays(), from,
                nights.entrySet().stream().map(e -> new RunwayNight(e.getKey(), Formats.money(e.getValue(), cur, policy)))
                        .toList(),
                sText, money, forecast ? Formats.money(state.dailySpend(), cur, policy) : null,
                forecast ? state.daysToZero().setScale(0, java.math.RoundingMode.UNNECESSARY).toPlainString() : null,
                forecast, state.inRunwayBand(), reason);
    }

    private static void check(List<String> out, String what, BigDecimal recomputed, BigDecimal stored) {
        if (recomputed.compareTo(stored) != 0) {
            out.add(what + ": recomputed " + recomputed.toPlainString() + ", stored " + stored.toPlainString());
        }
    }

    /** Field order of the JSON object, for renderers that want it. */
    static Map<String, Object> rowFields(Row r) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("business_date", r.businessDate());
        m.put("account_id", r.accountId());
        m.put("store_id", r.storeId());
        m.put("currency", r.currency());
        m.put("balance", r.balance());
        m.put("owed", r.owed());
        m.put("oldest_unpaid_date", r.oldestUnpaidDate());
        m.put("days_past_due", r.daysPastDue());
        m.put("stage", r.stage());
        m.put("enforced_stage", r.enforcedStage());
        m.put("credit_status", r.creditStatus());
        m.put("hold", r.hold());
        return m;
    }
}
