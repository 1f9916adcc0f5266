package com.p4p.arrears.ledger;

import com.p4p.arrears.ingest.LedgerItem;

/** An item waiting in suspense whose account now exists. */
public record SuspendedItem(long suspenseId, LedgerItem item, String accountCurrency) {
}
