package com.p4p.arrears.arrears;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.NavigableMap;

/**
 * FIFO ageing of an account's debt (SPEC 5). Payments settle the oldest charges first, so what is
 * unpaid is always the newest spend; the anchor is the charge date of the oldest unpaid charge.
 */
public final class Ageing {

    private Ageing() {
    }

    /**
     * The oldest unpaid charge date.
     *
     * @param owed                  max(0, -balance); nothing is unpaid when it is 0 or less
     * @param spendByChargeDate     the account's total spend per charge date, all time (null is no spend)
     * @param earliestReversalDate  the earliest paid_date of the account's REFUNDs and CHARGEBACKs, or null
     * @return null when owed <= 0; the latest date d whose spend on or after d covers owed; the
     *         earliest charge date when owed exceeds all spend; with no spend at all the earliest
     *         reversal date (the debt then comes from money taken back, not from clicks). That date
     *         can itself be null (owed without spend or reversals cannot arise from a consistent
     *         ledger): callers then get a null anchor and {@link #daysPastDue} treats it as 0 days.
     */
    public static LocalDate anchor(BigDecimal owed, NavigableMap<LocalDate, BigDecimal> spendByChargeDate,
                                   LocalDate earliestReversalDate) {
        if (owed == null || owed.signum() <= 0) {
            return null;
        }
        if (spendByChargeDate == null || spendByChargeDate.isEmpty()) {
            return earliestReversalDate;
        }
        // Walk from the newest charge date back: the first date at which the newer spend covers
        // owed is where the unpaid part begins.
        BigDecimal newerSpend = BigDecimal.ZERO;
        for (Map.Entry<LocalDate, BigDecimal> day : spendByChargeDate.descendingMap().entrySet()) {
            newerSpend = newerSpend.add(day.getValue());
            if (newerSpend.compareTo(owed) >= 0) {
                return day.getKey();
            }
        }
        // Owed exceeds all spend (reversals took back more than was ever paid): every charge is unpaid.
        return spendByChargeDate.firstKey();
    }

    /**
     * Days from the anchor to the business date; 0 without an anchor. Charge and paid dates after
     * the business date are rejected upstream, so a later anchor cannot arise; it is counted as 0
     * rather than negative so a stage with min_days_past_due 0 still matches an account that owes.
     */
    public static int daysPastDue(LocalDate anchor, LocalDate businessDate) {
        if (anchor == null) {
            return 0;
        }
        return (int) Math.max(0, ChronoUnit.DAYS.between(anchor, businessDate));
    }
}
