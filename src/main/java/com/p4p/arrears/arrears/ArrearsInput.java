package com.p4p.arrears.arrears;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.Collections;
import java.util.NavigableMap;
import java.util.Objects;
import java.util.TreeMap;

/**
 * One account as the ledger sees it at the end of the business date.
 *
 * @param balance              credits − debits over every posted entry
 * @param spendByChargeDate    the account's total spend per charge date, all time; null means none
 * @param earliestReversalDate the earliest paid_date of its REFUNDs and CHARGEBACKs, or null
 * @param prior                the state the previous classification left, null for an account never classified
 * @param windowSpend          S of SPEC 10: the spend the last window_days runs posted to the account; null
 *                             (or 0) when none, or when the policy has no runway block
 */
public record ArrearsInput(LocalDate businessDate, String accountId, String currency, boolean hold, BigDecimal balance,
                           NavigableMap<LocalDate, BigDecimal> spendByChargeDate, LocalDate earliestReversalDate,
                           AccountState prior, BigDecimal windowSpend) {

    /** An account without spend in the runway window. */
    public ArrearsInput(LocalDate businessDate, String accountId, String currency, boolean hold, BigDecimal balance,
                        NavigableMap<LocalDate, BigDecimal> spendByChargeDate, LocalDate earliestReversalDate,
                        AccountState prior) {
        this(businessDate, accountId, currency, hold, balance, spendByChargeDate, earliestReversalDate, prior, null);
    }

    public ArrearsInput {
        Objects.requireNonNull(businessDate, "businessDate");
        Objects.requireNonNull(accountId, "accountId");
        Objects.requireNonNull(currency, "currency");
        Objects.requireNonNull(balance, "balance");
        // A private copy: the caller may reuse its map for the next account.
        spendByChargeDate = Collections.unmodifiableNavigableMap(
                spendByChargeDate == null ? new TreeMap<>() : new TreeMap<>(spendByChargeDate));
    }
}
