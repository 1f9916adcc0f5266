package com.p4p.arrears.ingest;

import static com.p4p.arrears.ingest.RejectReason.*;

import java.time.LocalDate;

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
        DatedAmount checked = datedPositiveAmount(row, "charge_date");
        if (checked.failure() != null) {
            return reject(row, checked.failure());
        }
        Long clicks = FieldRules.clicks(row.get("clicks"));
        if (clicks == null) {
            return reject(row, BAD_CLICKS);
        }
        return valid(new LedgerItem(Source.SPEND, row.get("charge_id"), row.get("account_id"), EntryType.SPEND,
                checked.date(), checked.amount(), checked.currency().code(), row.get("campaign_id"), clicks, null, null,
                businessDate, row.lineNumber()), row);
    }
}
