package com.p4p.arrears.arrears;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.Objects;

import com.p4p.arrears.policy.Policy;

/**
 * The intraday rule of SPEC 13 for one account a lifted payment file posted to: enforcement may only
 * go down between two nights. The target is CURRENT under a hold or when nothing is owed; otherwise
 * the most severe stage whose conditions hold now, or the sticky floor of the last night when that is
 * more severe. Only a target below the enforced stage moves it, with the leave actions of every stage
 * crossed. Nothing else of the account's state moves (computed stage, floor, credit status and the
 * low-balance band are the night's). Pure: the caller reads the account and stores the outcome.
 */
public final class IntradayLift {

    /**
     * @param enforcedStage the enforced stage after the lift (the prior one when it stays)
     * @param lowered       whether the enforced stage went down (a stage without leave actions, such
     *                      as GRACE, can go down without any action)
     * @param actions       the leave actions, highest stage first; empty when enforcement stays
     */
    public record Outcome(BigDecimal owed, LocalDate oldestUnpaidDate, int daysPastDue, String target,
                          String enforcedStage, boolean lowered, List<EnforcementAction> actions) {
    }

    private final Policy policy;
    private final StageClassifier classifier;
    private final StageTransition transition;

    public IntradayLift(Policy policy) {
        this.policy = Objects.requireNonNull(policy, "policy");
        this.classifier = new StageClassifier(policy);
        this.transition = new StageTransition(policy);
    }

    /**
     * @param in the account now: its balance with the lifted entries, its spend history, and the state
     *           the last night left (null: never classified, so enforced CURRENT and nothing to lift);
     *           {@code businessDate} is the open business date days past due are counted to
     */
    public Outcome lift(ArrearsInput in) {
        BigDecimal owed = in.balance().signum() < 0 ? in.balance().negate() : BigDecimal.ZERO;
        LocalDate anchor = Ageing.anchor(owed, in.spendByChargeDate(), in.earliestReversalDate());
        int daysPastDue = Ageing.daysPastDue(anchor, in.businessDate());
        String enforced = in.prior() == null ? Policy.CURRENT : in.prior().enforcedStage();
        String floor = in.prior() == null ? null : in.prior().stickyFloor();

        // the classifier's stage is the most severe matching stage or the floor, whichever is more severe;
        // with owed = 0 it is CURRENT (paying in full is the only way out of a sticky stage)
        String target = in.hold() ? Policy.CURRENT : classifier.classify(owed, daysPastDue, in.currency(), floor).stage();
        int t = StageNames.severity(policy, target, "target stage");
        int e = StageNames.severity(policy, enforced, "enforced stage");
        if (t >= e) {
            return new Outcome(owed, anchor, daysPastDue, target, enforced, false, List.of());
        }
        return new Outcome(owed, anchor, daysPastDue, target, target, true, transition.actions(enforced, target));
    }
}
