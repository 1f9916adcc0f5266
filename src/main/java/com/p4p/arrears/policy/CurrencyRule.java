package com.p4p.arrears.policy;

import java.math.BigDecimal;

/**
 * One currency of the policy: how many minor digits its amounts may carry and its thresholds.
 *
 * @param lowBalance    the low-balance alert band's upper bound (exclusive); null means no alert
 * @param creditMinOwed owed below this is never reported to credit bureaus (0 when not given)
 */
public record CurrencyRule(String code, int minorDigits, BigDecimal lowBalance, BigDecimal creditMinOwed) {
}
