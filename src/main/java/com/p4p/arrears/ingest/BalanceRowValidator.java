package com.p4p.arrears.ingest;

import static com.p4p.arrears.ingest.RejectReason.*;

import java.math.BigDecimal;
import java.time.LocalDate;

import com.p4p.arrears.policy.CurrencyRule;
import com.p4p.arrears.policy.Policy;

/** balances: account_id, balance (signed), currency. */
public class BalanceRowValidator extends RowValidator<BalanceRow> {

    public BalanceRowValidator(Policy policy, LocalDate businessDate) {
        super(policy, businessDate);
    }

    @Override
    protected Validated<BalanceRow> check(InputRow row) {
        if (anyEmpty(row, "account_id", "balance", "currency")) {
            return reject(row, MISSING_FIELD);
        }
        if (anyBadId(row, "account_id")) {
            return reject(row, BAD_ID);
        }
        CurrencyRule currency = currency(row);
        if (currency == null) {
            return reject(row, BAD_CURRENCY);
        }
        BigDecimal balance = FieldRules.amount(row.get("balance"), currency.minorDigits());
        if (balance == null) {
            return reject(row, BAD_AMOUNT);
        }
        return valid(new BalanceRow(row.get("account_id"), balance, currency.code(), row.lineNumber()), row);
    }
}
