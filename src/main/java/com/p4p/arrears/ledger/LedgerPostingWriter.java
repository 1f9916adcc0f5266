package com.p4p.arrears.ledger;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

import org.springframework.batch.infrastructure.item.Chunk;
import org.springframework.batch.infrastructure.item.ItemWriter;

import com.p4p.arrears.ingest.IngestLog;
import com.p4p.arrears.ingest.IngestLog.Tally;
import com.p4p.arrears.ingest.LedgerItem;
import com.p4p.arrears.ingest.Source;
import com.p4p.arrears.ingest.Validated;
import com.p4p.arrears.reconcile.BreakRepository;

/**
 * Writes a chunk of validated spend or payments rows: rejects, then each valid row's disposition
 * against the ledger, posted entries, suspense, breaks and the chunk's tally, all in the chunk's
 * transaction. The ledger's unique (source, source_id) key backs the rule that an id posts once.
 * <p>
 * Dispositions are always {@link PostingDecider#decide}'s, given what the ledger held before the
 * chunk: each account's currency, and the holder of each of the chunk's ids (posted or in suspense).
 * How that knowledge is gathered differs:
 * <ul>
 * <li>In general (H2, or too many accounts for the directory) by looking up every account and id of
 * the chunk.</li>
 * <li>On MySQL without a lookup per row: accounts from the {@link AccountDirectory}; ids held in
 * suspense from an {@link IdFilter} (only its "maybe"s are looked up); ids already posted are looked
 * up for the rows that would not post anyway (a few), and for the rest the ledger's unique key is the
 * lookup: the entries are loaded, and a row the server skips as a duplicate key proves its id was
 * taken. Then the holders of the skipped ids are read and the chunk is decided again with them;
 * since more taken ids can only turn postings into duplicates or conflicts, the second decision must
 * post exactly the rows that were inserted, which is checked (a difference fails the chunk).</li>
 * </ul>
 */
public class LedgerPostingWriter implements ItemWriter<Validated<LedgerItem>> {

    private final Source source;
    private final LocalDate businessDate;
    private final LedgerRepository ledger;
    private final BreakRepository breaks;
    private final IngestLog log;
    /** An intraday lift (SPEC 13): a few rows against many accounts, so no directory, no day sums. */
    private final boolean intraday;

    /** Built at the first chunk of the step (null: the general path). */
    private AccountDirectory accounts;
    private IdFilter suspended;
    private boolean prepared;

    public LedgerPostingWriter(Source source, LocalDate businessDate, LedgerRepository ledger,
                               BreakRepository breaks, IngestLog log) {
        this(source, businessDate, ledger, breaks, log, false);
    }

    /**
     * @param intraday a lifted intraday file: every account and id looked up chunk by chunk (a pass over
     *                 a million accounts for the directory would cost more than the whole file), and the
     *                 entries not added to this process's day sums (the night's close takes them from the
     *                 ledger)
     */
    public LedgerPostingWriter(Source source, LocalDate businessDate, LedgerRepository ledger,
                               BreakRepository breaks, IngestLog log, boolean intraday) {
        this.intraday = intraday;
        this.source = source;
        this.businessDate = businessDate;
        this.ledger = ledger;
        this.breaks = breaks;
        this.log = log;
    }

    @Override
    public void write(Chunk<? extends Validated<LedgerItem>> chunk) {
        if (chunk.isEmpty()) {
            return;
        }
        List<Validated.Rejected<?>> rejects = new ArrayList<>();
        List<LedgerItem> valid = new ArrayList<>();
        Map<LedgerItem, byte[]> prepared = new IdentityHashMap<>(chunk.size());
        for (Validated<LedgerItem> v : chunk) {
            if (v instanceof Validated.Rejected<LedgerItem> r) {
                rejects.add(r);
            } else if (v instanceof Validated.Valid<LedgerItem> ok) {
                valid.add(ok.row());
                if (ok.prepared() != null) {
                    prepared.put(ok.row(), ok.prepared());
                }
            }
        }
        log.insertRejects(businessDate, source, rejects);
        long firstLine = chunk.getItems().get(0).lineNumber();

        prepare();
        Set<String> originals = new LinkedHashSet<>();
        for (LedgerItem i : valid) {
            if (i.originalPaymentId() != null) {
                originals.add(i.originalPaymentId());
            }
        }
        Set<String> postedPayments = ledger.postedPaymentIds(originals);

        Outcome o = accounts == null ? lookedUp(valid, postedPayments, firstLine, chunk.size())
                : loadedAgainstUniqueKey(valid, prepared, postedPayments, firstLine, chunk.size());
        o.tally.rejected = rejects.size();
        ledger.insertSuspense(o.decisions.toSuspend());
        if (suspended != null) {
            o.decisions.toSuspend().forEach(i -> suspended.add(i.id()));
        }
        breaks.insert(businessDate, o.decisions.breaks());
        log.insertTally(businessDate, source, o.tally);
    }

    private record Outcome(PostingDecider.Decisions decisions, Tally tally) {
    }

    private void prepare() {
        if (prepared) {
            return;
        }
        prepared = true;
        if (ledger.bulkLoads() && !intraday) {
            accounts = ledger.accountDirectory(businessDate);
            suspended = accounts == null ? null : ledger.openSuspenseFilter(source);
        }
    }

    /** The general path: every account and id of the chunk looked up, then decided and inserted. */
    private Outcome lookedUp(List<LedgerItem> valid, Set<String> postedPayments, long firstLine, int rows) {
        Set<String> ids = new LinkedHashSet<>();
        Set<String> accountIds = new LinkedHashSet<>();
        for (LedgerItem i : valid) {
            ids.add(i.id());
            accountIds.add(i.accountId());
        }
        Tally tally = new Tally(firstLine, rows);
        PostingDecider.Decisions d = PostingDecider.decide(valid, ledger.takenIds(source, ids),
                ledger.accountCurrencies(accountIds)::get, postedPayments, tally);
        ledger.insertLedger(d.toPost(), businessDate, !intraday);
        return new Outcome(d, tally);
    }

    /**
     * The MySQL path: see the class comment. The chunk is decided once in the common case; again only
     * when a lookup or the load turns up ids that were already posted.
     */
    private Outcome loadedAgainstUniqueKey(List<LedgerItem> valid, Map<LedgerItem, byte[]> prepared,
                                           Set<String> postedPayments, long firstLine, int rows) {
        Set<String> maybeSuspended = new LinkedHashSet<>();
        for (LedgerItem i : valid) {
            if (suspended.mightContain(i.id())) {
                maybeSuspended.add(i.id());
            }
        }
        Function<String, String> currencies = accounts::currency;
        Map<String, LedgerItem> taken = ledger.openSuspense(source, maybeSuspended);

        // decided as if none of the chunk's ids were posted yet; the rows that would not post even so
        // (a few) get their ids looked up, and only ids found taken can change the decision
        Outcome o = decide(valid, taken, currencies, postedPayments, firstLine, rows);
        Map<String, LedgerItem> posted = ledger.postedItems(source, idsLeftOut(valid, o.decisions.toPost()));
        if (!posted.isEmpty()) {
            taken.putAll(posted);
            o = decide(valid, taken, currencies, postedPayments, firstLine, rows);
        }

        List<LedgerItem> inserted = ledger.appendLedger(o.decisions.toPost(), prepared::get, source, businessDate);
        if (inserted.size() == o.decisions.toPost().size()) {
            return o;
        }
        Set<String> skippedIds = idsLeftOut(o.decisions.toPost(), inserted);
        taken.putAll(ledger.postedItems(source, skippedIds));
        Outcome again = decide(valid, taken, currencies, postedPayments, firstLine, rows);
        if (!again.decisions.toPost().equals(inserted)) {
            throw new IllegalStateException(source.code() + " chunk from line " + firstLine
                    + ": the rows the ledger accepted are not the rows that should post");
        }
        return again;
    }

    /** {@link PostingDecider#decide} on copies, so the chunk can be decided again. */
    private static Outcome decide(List<LedgerItem> valid, Map<String, LedgerItem> taken,
                                  Function<String, String> currencies, Set<String> postedPayments, long firstLine,
                                  int rows) {
        Tally tally = new Tally(firstLine, rows);
        // every row that posts or is suspended takes its id: room for all of them, no rehashing
        Map<String, LedgerItem> takenCopy = new HashMap<>(2 * (taken.size() + valid.size()));
        takenCopy.putAll(taken);
        PostingDecider.Decisions d = PostingDecider.decide(valid, takenCopy, currencies, new HashSet<>(postedPayments),
                tally);
        return new Outcome(d, tally);
    }

    /** The ids of the items not among {@code subsequence} (the same items, in order, with some left out). */
    private static Set<String> idsLeftOut(List<LedgerItem> items, List<LedgerItem> subsequence) {
        Set<String> out = new LinkedHashSet<>();
        int next = 0;
        for (LedgerItem i : items) {
            if (next < subsequence.size() && subsequence.get(next) == i) {
                next++;
            } else {
                out.add(i.id());
            }
        }
        return out;
    }
}
