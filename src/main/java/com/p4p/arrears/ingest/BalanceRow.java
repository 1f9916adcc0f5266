package com.p4p.arrears.ingest;

import java.math.BigDecimal;

/** A valid balances row: the ad platform's own balance of an account at the end of the day. */
public record BalanceRow(String accountId, BigDecimal balance, String currency, long lineNumber) {

    public boolean sameContent(BalanceRow o) {
        return accountId.equals(o.accountId) && balance.compareTo(o.balance) == 0 && currency.equals(o.currency);
    }
}
