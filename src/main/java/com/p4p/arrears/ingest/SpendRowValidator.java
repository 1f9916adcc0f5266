package com.p4p.arrears.ingest;

import static com.p4p.arrears.ingest.RejectReason.*;

import java.math.BigDecimal;
import java.time.LocalDate;

import com.p4p.arrears.policy.CurrencyRule;
import com.p4p.arrears.policy.Policy;

/** spend: charge_id, account_id, campaign_id, charge_date, clicks, amount, currency. */
public class SpendRowValidator extends RowValidator<LedgerItem> {

    public SpendRowValidator(Policy policy, LocalDate businessDate) {
        super(policy, businessDate);
    }

    @Override
    protected Validated<LedgerItem> check(InputRow row) {
        if (anyEmpty(row, "charge_id", "account_id", "campaign_id", "charge_date", "clicks", "amount", "currency")) {
            return reject(row, MISSING_FIELD);
        }
        if (anyBadId(row, "charge_id", "account_id", "campaign_id")) {
            return reject(row, BAD_ID);
        }
        LocalDate chargeDate = FieldRules.date(row.get("charge_date"));
        if (chargeDate == null) {
            return reject(row, BAD_DATE);
        }
        if (isFuture(chargeDate)) {
            return reject(row, FUTURE_DATE);
        }
        CurrencyRule currency = currency(row);
        if (currency == null) {
            return reject(row, BAD_CURRENCY);
        }
        BigDecimal amount = positiveAmount(row.get("amount"), currency);
        if (amount == null) {
            return reject(row, BAD_AMOUNT);
        }
        Long clicks = FieldRules.clicks(row.get("clicks"));
        if (clicks == null) {
            return reject(row, BAD_CLICKS);
        }
        return valid(new LedgerItem(Source.SPEND, row.get("charge_id"), row.get("account_id"), EntryType.SPEND,
                chargeDate, amount, currency.code(), row.get("campaign_id"), clicks, null, null,
                businessDate, row.lineNumber()), row);
    }
}
