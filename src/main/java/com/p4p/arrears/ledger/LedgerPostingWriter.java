package com.p4p.arrears.ledger;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

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
 */
public class LedgerPostingWriter implements ItemWriter<Validated<LedgerItem>> {

    private final Source source;
    private final LocalDate businessDate;
    private final LedgerRepository ledger;
    private final BreakRepository breaks;
    private final IngestLog log;

    public LedgerPostingWriter(Source source, LocalDate businessDate, LedgerRepository ledger,
                               BreakRepository breaks, IngestLog log) {
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
        for (Validated<LedgerItem> v : chunk) {
            if (v instanceof Validated.Rejected<LedgerItem> r) {
                rejects.add(r);
            } else if (v instanceof Validated.Valid<LedgerItem> ok) {
                valid.add(ok.row());
            }
        }
        Tally tally = new Tally(chunk.getItems().get(0).lineNumber(), chunk.size());
        tally.rejected = rejects.size();
        log.insertRejects(businessDate, source, rejects);

        Set<String> ids = new LinkedHashSet<>();
        Set<String> accounts = new LinkedHashSet<>();
        Set<String> originals = new LinkedHashSet<>();
        for (LedgerItem i : valid) {
            ids.add(i.id());
            accounts.add(i.accountId());
            if (i.originalPaymentId() != null) {
                originals.add(i.originalPaymentId());
            }
        }
        Map<String, LedgerItem> taken = ledger.takenIds(source, ids);
        Map<String, String> currencies = ledger.accountCurrencies(accounts);
        Set<String> postedPayments = ledger.postedPaymentIds(originals);

        PostingDecider.Decisions d = PostingDecider.decide(valid, taken, currencies, postedPayments, tally);
        ledger.insertLedger(d.toPost(), businessDate);
        ledger.addLateSpendAndReversals(d.toPost(), businessDate);
        ledger.insertSuspense(d.toSuspend());
        breaks.insert(businessDate, d.breaks());
        log.insertTally(businessDate, source, tally);
    }
}
