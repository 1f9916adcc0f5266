package com.p4p.arrears.ingest;

/** Ledger entry types; spend debits an account, the others move its credits. */
public enum EntryType {
    SPEND, PAYMENT, REFUND, CHARGEBACK;

    /** The signed effect on the account's credits (SPEC 4): payments add, refunds and chargebacks take away. */
    public int creditSign() {
        return switch (this) {
            case PAYMENT -> 1;
            case REFUND, CHARGEBACK -> -1;
            case SPEND -> 0;
        };
    }
}
