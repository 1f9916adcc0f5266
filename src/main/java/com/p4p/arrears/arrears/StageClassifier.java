package com.p4p.arrears.arrears;

import java.math.BigDecimal;

import com.p4p.arrears.policy.Policy;
import com.p4p.arrears.policy.StageRule;

/** The computed stage of SPEC 6: the policy's conditions, then the sticky floor. */
final class StageClassifier {

    /** @param stickyFloor the floor to persist; null when there is none */
    record Classification(String stage, String stickyFloor) {
    }

    private final Policy policy;

    StageClassifier(Policy policy) {
        this.policy = policy;
    }

    Classification classify(BigDecimal owed, int daysPastDue, String currency, String priorFloor) {
        if (owed.signum() <= 0) {
            // Paying in full is the only way out of a sticky stage.
            return new Classification(Policy.CURRENT, null);
        }
        int matched = 0;
        // Most severe first: a severe stage's min_owed may fail while a milder stage still holds.
        for (int s = policy.stages().size(); s >= 1; s--) {
            if (policy.stageAt(s).matches(daysPastDue, owed, currency)) {
                matched = s;
                break;
            }
        }
        int floor = priorFloor == null ? 0 : StageNames.severity(policy, priorFloor, "sticky floor");
        // Reaching or passing a sticky stage makes the most severe such stage the new floor.
        for (int s = matched; s > floor; s--) {
            StageRule rule = policy.stageAt(s);
            if (rule.sticky()) {
                floor = s;
                break;
            }
        }
        int stage = Math.max(matched, floor);
        return new Classification(StageNames.name(policy, stage), floor == 0 ? null : StageNames.name(policy, floor));
    }
}
