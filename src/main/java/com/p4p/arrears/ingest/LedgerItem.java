package com.p4p.arrears.ingest;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.Objects;

/**
 * A valid spend or payments row, as it is posted to the ledger or held in suspense.
 *
 * @param receivedDate the business date of the file it came in
 */
public record LedgerItem(Source source, String id, String accountId, EntryType type, LocalDate entryDate,
                         BigDecimal amount, String currency, String campaignId, Long clicks, String channel,
                         String originalPaymentId, LocalDate receivedDate, long lineNumber) {

    /**
     * Identical content (SPEC 3): equal parsed values of the required columns; amounts and clicks
     * compare as numbers. original_payment_id is required only for chargebacks.
     */
    public boolean sameContent(LedgerItem o) {
        return source == o.source && id.equals(o.id) && accountId.equals(o.accountId) && type == o.type
                && entryDate.equals(o.entryDate) && amount.compareTo(o.amount) == 0 && currency.equals(o.currency)
                && Objects.equals(campaignId, o.campaignId) && Objects.equals(clicks, o.clicks)
                && Objects.equals(channel, o.channel)
                && (type != EntryType.CHARGEBACK || Objects.equals(originalPaymentId, o.originalPaymentId));
    }

    /** The signed change this entry makes to the account's debits. */
    public BigDecimal debit() {
        return type == EntryType.SPEND ? amount : BigDecimal.ZERO;
    }

    /** The signed change this entry makes to the account's credits. */
    public BigDecimal credit() {
        return switch (type.creditSign()) {
            case 1 -> amount;
            case -1 -> amount.negate();
            default -> BigDecimal.ZERO;
        };
    }
}
