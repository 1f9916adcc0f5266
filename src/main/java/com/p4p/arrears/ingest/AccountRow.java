package com.p4p.arrears.ingest;

import java.time.LocalDate;

/** A valid accounts row. */
public record AccountRow(String accountId, String storeId, String currency, LocalDate openedDate, boolean hold,
                         long lineNumber, String raw) {

    /** Identical content: the parsed values of every column (an empty hold reads as N). */
    public boolean sameContent(AccountRow o) {
        return accountId.equals(o.accountId) && storeId.equals(o.storeId) && currency.equals(o.currency)
                && openedDate.equals(o.openedDate) && hold == o.hold;
    }
}
