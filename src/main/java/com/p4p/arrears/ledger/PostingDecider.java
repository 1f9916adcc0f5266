package com.p4p.arrears.ledger;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

import com.p4p.arrears.ingest.EntryType;
import com.p4p.arrears.ingest.IngestLog.Tally;
import com.p4p.arrears.ingest.LedgerItem;
import com.p4p.arrears.reconcile.Break;
import com.p4p.arrears.reconcile.BreakType;

/**
 * Decides the disposition of each valid spend or payments row against the ledger (SPEC 3), in file
 * order: DUPLICATE or CONFLICT when its id is taken, SUSPENDED when its account is unknown,
 * CURRENCY_MISMATCH, or posted (a chargeback of a never-posted payment still posts, with a break).
 * Plain Java: the caller loads what the ledger already holds for the chunk's ids.
 */
public final class PostingDecider {

    /** What to do with a chunk. */
    public record Decisions(List<LedgerItem> toPost, List<LedgerItem> toSuspend, List<Break> breaks) {
    }

    private PostingDecider() {
    }

    /**
     * @param taken            items holding the chunk's ids already (posted or in suspense); updated as rows take ids
     * @param currencyOf       an account's currency, or null for an account the ledger does not know
     * @param postedPayments   posted payment ids among the chunk's original_payment_ids; updated as payments post
     */
    public static Decisions decide(List<LedgerItem> items, Map<String, LedgerItem> taken,
                                   Function<String, String> currencyOf, Set<String> postedPayments, Tally tally) {
        List<LedgerItem> post = new ArrayList<>();
        List<LedgerItem> suspend = new ArrayList<>();
        List<Break> breaks = new ArrayList<>();
        for (LedgerItem item : items) {
            String source = item.source().code();
            LedgerItem holder = taken.get(item.id());
            if (holder != null) {
                if (holder.sameContent(item)) {
                    tally.duplicate++;
                } else {
                    tally.conflict++;
                    breaks.add(Break.compared(BreakType.CONFLICTING_DUPLICATE, source, item.id(), item.accountId(),
                            holder.amount(), item.amount(), item.currency()).atLine(item.lineNumber()));
                }
                continue;
            }
            String currency = currencyOf.apply(item.accountId());
            if (currency == null) {
                tally.suspended++;
                taken.put(item.id(), item);
                suspend.add(item);
                breaks.add(Break.ofRow(BreakType.UNKNOWN_ACCOUNT, source, item.id(), item.accountId(),
                        item.amount(), item.currency()).atLine(item.lineNumber()));
                continue;
            }
            if (!currency.equals(item.currency())) {
                tally.currencyMismatch++;
                breaks.add(Break.ofRow(BreakType.CURRENCY_MISMATCH, source, item.id(), item.accountId(),
                        item.amount(), item.currency()).atLine(item.lineNumber()));
                continue;
            }
            tally.posted++;
            taken.put(item.id(), item);
            post.add(item);
            for (Break b : postingBreaks(item, postedPayments)) {
                breaks.add(b.atLine(item.lineNumber()));
            }
        }
        return new Decisions(post, suspend, breaks);
    }

    /**
     * Breaks raised by posting an item, and the bookkeeping of posted payment ids: a chargeback whose
     * original payment was never posted still posts, with ORPHAN_CHARGEBACK.
     */
    public static List<Break> postingBreaks(LedgerItem item, Set<String> postedPayments) {
        if (item.type() == EntryType.SPEND) {
            return List.of();
        }
        // look the original up before this item counts as posted: a chargeback naming itself is an orphan
        boolean orphan = item.type() == EntryType.CHARGEBACK && !postedPayments.contains(item.originalPaymentId());
        postedPayments.add(item.id());
        if (orphan) {
            return List.of(Break.ofRow(BreakType.ORPHAN_CHARGEBACK, item.source().code(), item.id(), item.accountId(),
                    item.amount(), item.currency()));
        }
        return List.of();
    }
}
