package com.p4p.arrears.ingest;

import static com.p4p.arrears.ingest.RejectReason.*;

import java.time.LocalDate;

import com.p4p.arrears.policy.Policy;

/**
 * payments: payment_id, account_id, type, amount, currency, channel, paid_date, original_payment_id
 * (required for CHARGEBACK, optional for REFUND, ignored for PAYMENT).
 */
public class PaymentRowValidator extends RowValidator<LedgerItem> {

    public PaymentRowValidator(Policy policy, LocalDate businessDate) {
        super(policy, businessDate);
    }

    @Override
    protected Validated<LedgerItem> check(InputRow row) {
        String type = row.get("type");
        String original = row.get("original_payment_id");
        if (anyEmpty(row, "payment_id", "account_id", "type", "amount", "currency", "channel", "paid_date")
                || ("CHARGEBACK".equals(type) && original.isEmpty())) {
            return reject(row, MISSING_FIELD);
        }
        boolean originalRead = !"PAYMENT".equals(type) && !original.isEmpty();
        if (anyBadId(row, "payment_id", "account_id") || (originalRead && !FieldRules.isId(original))) {
            return reject(row, BAD_ID);
        }
        DatedAmount checked = datedPositiveAmount(row, "paid_date");
        if (checked.failure() != null) {
            return reject(row, checked.failure());
        }
        EntryType entryType = switch (type) {
            case "PAYMENT" -> EntryType.PAYMENT;
            case "REFUND" -> EntryType.REFUND;
            case "CHARGEBACK" -> EntryType.CHARGEBACK;
            default -> null;
        };
        if (entryType == null) {
            return reject(row, BAD_TYPE);
        }
        return valid(new LedgerItem(Source.PAYMENTS, row.get("payment_id"), row.get("account_id"), entryType,
                checked.date(), checked.amount(), checked.currency().code(), null, null, row.get("channel"), originalRead ? original : null,
                businessDate, row.lineNumber()), row);
    }
}
