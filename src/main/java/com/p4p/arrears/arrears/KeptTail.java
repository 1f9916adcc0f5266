package com.p4p.arrears.arrears;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.NavigableMap;

/**
 * What an owing account's ageing keeps for the next night (issue 14): its anchor (SPEC 5), the spend
 * charged before the anchor and the spend charged on it. Tonight's spend from the anchor on is then
 * {@code debits - spendBefore}, as long as nothing posted since was charged on or before the anchor;
 * so an account that stays in debt reads none of its unpaid stretch again ({@link SpendTails}).
 * Plain Java.
 *
 * @param spendBefore   the account's spend charged before the anchor (its debits less the spend from the anchor on)
 * @param spendOnAnchor the spend charged on the anchor date itself (&gt; 0: the anchor is a charge date)
 */
public record KeptTail(LocalDate anchor, BigDecimal spendBefore, BigDecimal spendOnAnchor) {

    /**
     * What tonight's classification keeps, or null when there is nothing to keep: the account owes
     * nothing, owes more than the spend it walked (its anchor is then its first charge, or a reversal
     * date), or its debits are unknown.
     *
     * @param spend the spend per charge date its anchor was found in: complete from the anchor on
     */
    public static KeptTail of(BigDecimal owed, LocalDate anchor, NavigableMap<LocalDate, BigDecimal> spend,
                              BigDecimal debits) {
        if (owed == null || owed.signum() <= 0 || anchor == null || debits == null || spend == null) {
            return null;
        }
        BigDecimal onAnchor = spend.get(anchor);
        if (onAnchor == null || onAnchor.signum() <= 0) {
            return null;
        }
        BigDecimal fromAnchor = BigDecimal.ZERO;
        for (BigDecimal amount : spend.tailMap(anchor, true).values()) {
            fromAnchor = fromAnchor.add(amount);
        }
        if (fromAnchor.compareTo(owed) < 0) {
            return null;
        }
        return new KeptTail(anchor, debits.subtract(fromAnchor), onAnchor);
    }

    /**
     * The kept tail brought up to tonight, or null when it no longer holds: spend charged on or before
     * the anchor was posted since it was kept (a late charge), or that is unknown ({@link LocalDate#MIN}).
     *
     * @param debits              the account's debits now
     * @param firstSpendDateSince the earliest charge date of the spend posted since; null when none was
     */
    public SpendTails.Tail carriedOn(BigDecimal debits, LocalDate firstSpendDateSince) {
        if (debits == null || (firstSpendDateSince != null && !firstSpendDateSince.isAfter(anchor))) {
            return null;
        }
        return new SpendTails.Tail(anchor, debits.subtract(spendBefore), spendOnAnchor);
    }
}
