package com.p4p.arrears.arrears;

import java.math.BigDecimal;

import com.p4p.arrears.policy.CurrencyRule;

/** The low-balance alert band of SPEC 6: a positive balance below the currency's low_balance. */
final class LowBalanceBand {

    private LowBalanceBand() {
    }

    /** Zero and negative balances are not in the band: they are arrears (or empty), not a warning. */
    static boolean contains(BigDecimal balance, CurrencyRule currency) {
        BigDecimal low = currency.lowBalance();
        return low != null && balance.signum() > 0 && balance.compareTo(low) < 0;
    }
}
