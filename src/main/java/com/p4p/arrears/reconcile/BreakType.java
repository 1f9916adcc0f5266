package com.p4p.arrears.reconcile;

/** Every break type of SPEC 3 and 8; the summary counts each, even when zero. */
public enum BreakType {
    BALANCE_MISMATCH, CONFLICTING_DUPLICATE, CURRENCY_MISMATCH, MISSING_IN_SNAPSHOT, ORPHAN_CHARGEBACK, UNKNOWN_ACCOUNT
}
