package com.p4p.arrears.arrears;

import java.util.Objects;

/**
 * One action downstream systems must carry out (a row of enforcement_actions.csv). Every action of
 * one transition carries the same from/to stages, so downstream can tell which move caused it.
 */
public record EnforcementAction(String action, String fromStage, String toStage) {

    /** The low-balance alert is not a stage action: it is not in the policy, so its name is fixed here. */
    public static final String NOTIFY_LOW_BALANCE = "NOTIFY_LOW_BALANCE";
    /** The runway alert of SPEC 10: the balance lasts fewer than horizon_days at the recent rate. */
    public static final String NOTIFY_RUNWAY = "NOTIFY_RUNWAY";

    public EnforcementAction {
        Objects.requireNonNull(action, "action");
        Objects.requireNonNull(fromStage, "fromStage");
        Objects.requireNonNull(toStage, "toStage");
    }
}
