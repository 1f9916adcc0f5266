package com.p4p.arrears.reconcile;

import java.math.BigDecimal;

/**
 * A reconciliation break (SPEC 3 and 8). Amount columns are null where they mean nothing.
 */
public record Break(BreakType type, String source, String reference, String accountId,
                    BigDecimal expected, BigDecimal actual, BigDecimal difference, String currency) {

    /** A break that only reports the row's own amount (UNKNOWN_ACCOUNT, CURRENCY_MISMATCH, ORPHAN_CHARGEBACK). */
    public static Break ofRow(BreakType type, String source, String reference, String accountId,
                              BigDecimal amount, String currency) {
        return new Break(type, source, reference, accountId, null, amount, null, currency);
    }

    /** A comparison break: difference = actual - expected. */
    public static Break compared(BreakType type, String source, String reference, String accountId,
                                 BigDecimal expected, BigDecimal actual, String currency) {
        return new Break(type, source, reference, accountId, expected, actual, actual.subtract(expected), currency);
    }
}
