package com.p4p.arrears.arrears;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

import com.p4p.arrears.credit.CreditReporting;
import com.p4p.arrears.credit.CreditStatus;
import com.p4p.arrears.policy.CurrencyRule;
import com.p4p.arrears.policy.Policy;

/**
 * Classifies one account for one business date (SPEC 5 to 7): ages its debt, computes its stage,
 * moves its enforced stage, raises the low-balance and runway alerts (SPEC 10) and decides its credit reporting. Pure
 * and stateless between calls: everything carried over from the previous night comes in
 * {@link ArrearsInput#prior()} and goes out in {@link ArrearsOutcome#next()}.
 */
public final class ArrearsEngine {

    /** A never-classified account: downstream was told nothing, the bureaus heard 11. */
    private static final AccountState NEW_ACCOUNT =
            new AccountState(Policy.CURRENT, Policy.CURRENT, null, CreditStatus.CURRENT, null, false);

    private final Policy policy;
    private final StageClassifier classifier;
    private final StageTransition transition;

    public ArrearsEngine(Policy policy) {
        this.policy = Objects.requireNonNull(policy, "policy");
        this.classifier = new StageClassifier(policy);
        this.transition = new StageTransition(policy);
    }

    /** The policy's runway block: when present, callers give each account's S ({@link ArrearsInput#windowSpend()}). */
    public java.util.Optional<com.p4p.arrears.policy.RunwayRule> runway() {
        return policy.runway();
    }

    public ArrearsOutcome classify(ArrearsInput in) {
        CurrencyRule currency = policy.currency(in.currency()).orElseThrow(() -> new IllegalArgumentException(
                "account " + in.accountId() + " is in currency " + in.currency() + ", which the policy does not list"));
        AccountState prior = in.prior() == null ? NEW_ACCOUNT : in.prior();

        BigDecimal owed = in.balance().signum() < 0 ? in.balance().negate() : BigDecimal.ZERO;
        LocalDate anchor = Ageing.anchor(owed, in.spendByChargeDate(), in.earliestReversalDate());
        int daysPastDue = Ageing.daysPastDue(anchor, in.businessDate());

        StageClassifier.Classification computed =
                classifier.classify(owed, daysPastDue, in.currency(), prior.stickyFloor());
        // A hold lifts all enforcement; the computed stage is still reported and still ages.
        String target = in.hold() ? Policy.CURRENT : computed.stage();
        List<EnforcementAction> actions = new ArrayList<>(transition.actions(prior.enforcedStage(), target));

        boolean inLowBand = LowBalanceBand.contains(in.balance(), currency);
        if (inLowBand && !prior.inLowBand()) {
            // Alert once on entering the band; staying in it is not news.
            actions.add(new EnforcementAction(EnforcementAction.NOTIFY_LOW_BALANCE, target, target));
        }
        RunwayForecast runway = policy.runway()
                .map(rule -> RunwayForecast.of(in.balance(), in.windowSpend(), rule, currency.minorDigits()))
                .orElse(null);
        boolean inRunwayBand = runway != null && runway.inBand();
        if (inRunwayBand && !prior.inRunwayBand()) {
            // SPEC 10: after the stage actions and the low-balance alert; like it, not suppressed by a hold
            actions.add(new EnforcementAction(EnforcementAction.NOTIFY_RUNWAY, target, target));
        }

        String earned = CreditStatus.of(owed, daysPastDue, currency.creditMinOwed());
        CreditReporting.Reported credit = CreditReporting.report(
                prior.reportedCreditStatus(), prior.dateOfFirstDelinquency(), earned, in.hold(), anchor);

        AccountState next = new AccountState(computed.stage(), target, computed.stickyFloor(),
                credit.status(), credit.dateOfFirstDelinquency(), inLowBand, inRunwayBand);
        return new ArrearsOutcome(owed, anchor, daysPastDue, computed.stage(), target, credit.status(),
                actions, credit.record(), next, runway);
    }
}
