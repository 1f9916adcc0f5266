package com.p4p.arrears.arrears;

import java.math.BigDecimal;
import java.time.LocalDate;

/** An account as the classification step reads it, after the day's postings. */
public record AccountToClassify(String accountId, String storeId, String currency, boolean hold,
                                BigDecimal balance, LocalDate earliestReversalDate) {
}
