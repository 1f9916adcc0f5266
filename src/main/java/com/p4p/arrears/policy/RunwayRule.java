package com.p4p.arrears.policy;

/**
 * The policy's optional runway forecast (SPEC 10): the spend of the last {@code windowDays} runs sets
 * an account's rate, and an account whose balance lasts fewer than {@code horizonDays} days at that
 * rate is in the runway band.
 */
public record RunwayRule(int windowDays, int horizonDays) {

    public RunwayRule {
        if (windowDays < 1 || horizonDays < 1) {
            throw new IllegalArgumentException("window_days and horizon_days must be at least 1");
        }
    }
}
