package com.p4p.arrears.ledger;

import java.time.LocalDate;
import java.util.List;
import java.util.function.Function;

import com.p4p.arrears.ingest.LedgerItem;
import com.p4p.arrears.db.BulkLoad;

/**
 * The ledger's LOAD DATA line of an item (the columns of {@link #COLUMNS}), posted on a given date: the
 * one definition of how an entry is written in bulk. As a function it encodes one item at a time into
 * a buffer of its own, for a reading thread to encode rows ahead of the writer (not thread-safe: one
 * per thread).
 */
public final class LedgerLoadLines implements Function<LedgerItem, byte[]> {

    static final String COLUMNS = LedgerRepository.ITEM_COLUMNS + ", posted_date";

    private final LocalDate postedDate;
    private final BulkLoad line = new BulkLoad();

    public LedgerLoadLines(LocalDate postedDate) {
        this.postedDate = postedDate;
    }

    @Override
    public byte[] apply(LedgerItem item) {
        // hashed here, on the reading thread, so that the writer's lookups by id and account (a chunk's
        // duplicates, the suspense filter, the account directory) find the strings' hashes cached
        item.id().hashCode();
        item.accountId().hashCode();
        line.clear();
        append(line, item, postedDate);
        return line.bytes();
    }

    /** Rows of these items; an item's prepared line (non-null) is copied as it is. */
    static BulkLoad rows(List<LedgerItem> items, Function<LedgerItem, byte[]> prepared, LocalDate postedDate) {
        byte[][] lines = new byte[items.size()][];
        int bytes = 0;
        for (int k = 0; k < lines.length; k++) {
            lines[k] = prepared.apply(items.get(k));
            bytes += lines[k] == null ? 0 : lines[k].length;
        }
        // one allocation for a chunk's megabytes, not a series of doublings and copies
        BulkLoad load = new BulkLoad(Math.max(1 << 16, bytes + 1024));
        for (int k = 0; k < lines.length; k++) {
            LedgerItem item = items.get(k);
            byte[] line = lines[k];
            if (line != null) {
                load.line(line);
            } else {
                append(load, item, postedDate);
            }
        }
        return load;
    }

    /** No item prepared ahead. */
    static byte[] none(LedgerItem item) {
        return null;
    }

    private static void append(BulkLoad load, LedgerItem i, LocalDate postedDate) {
        load.text(i.source().code()).text(i.id()).text(i.accountId()).text(i.type().name()).date(i.entryDate())
                .decimal(i.amount()).text(i.currency()).text(i.campaignId()).number(i.clicks()).text(i.channel())
                .text(i.originalPaymentId()).date(i.receivedDate()).number(i.lineNumber()).date(postedDate)
                .endRow();
    }
}
