package com.p4p.arrears.policy;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;

/**
 * One arrears stage of the policy, least severe first in {@link Policy#stages()}.
 *
 * @param minOwed per-currency amount condition, or null when the stage has none; a currency missing
 *                from a non-null map means the stage never matches accounts in that currency
 */
public record StageRule(String name, int minDaysPastDue, Map<String, BigDecimal> minOwed,
                        List<String> enter, List<String> leave, boolean sticky) {

    /** True when an account owing {@code owed} in {@code currency}, {@code daysPastDue} days late, is in this stage. */
    public boolean matches(int daysPastDue, BigDecimal owed, String currency) {
        if (daysPastDue < minDaysPastDue) {
            return false;
        }
        if (minOwed == null) {
            return true;
        }
        BigDecimal threshold = minOwed.get(currency);
        return threshold != null && owed.compareTo(threshold) >= 0;
    }
}
