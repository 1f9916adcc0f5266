package com.p4p.arrears.arrears;

import com.p4p.arrears.policy.Policy;

/** Stage name and severity lookups that refuse names the policy does not know. */
final class StageNames {

    private StageNames() {
    }

    /**
     * A stored stage name missing from the policy means the policy was replaced under existing
     * accounts; guessing a severity would emit wrong actions downstream, so it stops the run instead.
     */
    static int severity(Policy policy, String stage, String what) {
        int severity = policy.severity(stage);
        if (severity < 0) {
            throw new IllegalStateException(what + " " + stage + " is not a stage of the policy " + policy.stageNames());
        }
        return severity;
    }

    static String name(Policy policy, int severity) {
        return severity == 0 ? Policy.CURRENT : policy.stageAt(severity).name();
    }
}
