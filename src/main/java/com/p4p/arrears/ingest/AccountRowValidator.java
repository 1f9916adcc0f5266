package com.p4p.arrears.ingest;

import static com.p4p.arrears.ingest.RejectReason.*;

import java.time.LocalDate;

import com.p4p.arrears.policy.CurrencyRule;
import com.p4p.arrears.policy.Policy;

/**
 * accounts: account_id, store_id, currency, opened_date, enforcement_hold (Y or N; empty means N).
 * CURRENCY_CHANGE needs the ledger's accounts, so the accounts writer decides it.
 */
public class AccountRowValidator extends RowValidator<AccountRow> {

    public AccountRowValidator(Policy policy, LocalDate businessDate) {
        super(policy, businessDate);
    }

    @Override
    protected Validated<AccountRow> check(InputRow row) {
        if (anyEmpty(row, "account_id", "store_id", "currency", "opened_date")) {
            return reject(row, MISSING_FIELD);
        }
        if (anyBadId(row, "account_id", "store_id")) {
            return reject(row, BAD_ID);
        }
        LocalDate opened = FieldRules.date(row.get("opened_date"));
        if (opened == null) {
            return reject(row, BAD_DATE);
        }
        if (isFuture(opened)) {
            return reject(row, FUTURE_DATE);
        }
        CurrencyRule currency = currency(row);
        if (currency == null) {
            return reject(row, BAD_CURRENCY);
        }
        String hold = row.get("enforcement_hold");
        if (!hold.isEmpty() && !hold.equals("Y") && !hold.equals("N")) {
            return reject(row, BAD_FLAG);
        }
        return valid(new AccountRow(row.get("account_id"), row.get("store_id"), currency.code(), opened,
                hold.equals("Y"), row.lineNumber(), row.record().raw()), row);
    }
}
