package com.p4p.arrears.arrears;

import java.math.BigDecimal;
import java.time.LocalDate;

/**
 * An account as the classification step reads it, after the day's postings.
 *
 * @param debits its spend over every posted entry (the runway forecast's window is carried as of it); null
 *               when not read
 */
public record AccountToClassify(String accountId, String storeId, String currency, boolean hold,
                                BigDecimal balance, LocalDate earliestReversalDate, BigDecimal debits) {

    public AccountToClassify(String accountId, String storeId, String currency, boolean hold, BigDecimal balance,
                             LocalDate earliestReversalDate) {
        this(accountId, storeId, currency, hold, balance, earliestReversalDate, null);
    }
}
