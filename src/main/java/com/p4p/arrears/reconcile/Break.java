package com.p4p.arrears.reconcile;

import java.math.BigDecimal;

/**
 * A reconciliation break (SPEC 3 and 8). Amount columns are null where they mean nothing.
 *
 * @param lineNumber the line of tonight's row that raised it (0: none, e.g. a suspense release); breaks
 *                   of one type and reference are listed in line order, whichever partition raised them first
 */
public record Break(BreakType type, String source, String reference, String accountId,
                    BigDecimal expected, BigDecimal actual, BigDecimal difference, String currency, long lineNumber) {

    public Break(BreakType type, String source, String reference, String accountId,
                 BigDecimal expected, BigDecimal actual, BigDecimal difference, String currency) {
        this(type, source, reference, accountId, expected, actual, difference, currency, 0);
    }

    /** The same break, raised by the row on this line. */
    public Break atLine(long line) {
        return new Break(type, source, reference, accountId, expected, actual, difference, currency, line);
    }

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
