package com.p4p.arrears.arrears;

import java.util.ArrayList;
import java.util.List;

import com.p4p.arrears.policy.Policy;

/** The actions that move downstream systems from one enforced stage to another (SPEC 6). */
final class StageTransition {

    private final Policy policy;

    StageTransition(Policy policy) {
        this.policy = policy;
    }

    /**
     * Going up, the enter actions of every stage above {@code from} up to {@code to}, lowest first;
     * going down, the leave actions of every stage above {@code to} up to {@code from}, highest
     * first. Crossing stages in one night still runs each one's actions, so downstream ends in the
     * same state as if it had moved one stage at a time.
     */
    List<EnforcementAction> actions(String from, String to) {
        int f = StageNames.severity(policy, from, "enforced stage");
        int t = StageNames.severity(policy, to, "target stage");
        List<EnforcementAction> out = new ArrayList<>();
        if (t > f) {
            for (int s = f + 1; s <= t; s++) {
                policy.stageAt(s).enter().forEach(a -> out.add(new EnforcementAction(a, from, to)));
            }
        } else {
            for (int s = f; s > t; s--) {
                policy.stageAt(s).leave().forEach(a -> out.add(new EnforcementAction(a, from, to)));
            }
        }
        return out;
    }
}
