package com.p4p.arrears.ledger;

import java.sql.Date;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import org.springframework.batch.infrastructure.item.Chunk;
import org.springframework.batch.infrastructure.item.ItemWriter;
import org.springframework.jdbc.core.JdbcTemplate;

import com.p4p.arrears.ingest.LedgerItem;
import com.p4p.arrears.reconcile.Break;
import com.p4p.arrears.reconcile.BreakRepository;
import com.p4p.arrears.reconcile.BreakType;

/**
 * Releases suspended items whose account has arrived (SPEC 3): each posts with its own date, or
 * becomes a currency mismatch (and frees its id); either way its UNKNOWN_ACCOUNT break is resolved
 * today. The reader only sees OPEN items, so a restart picks up exactly the ones not yet released.
 */
public class SuspenseReleaseWriter implements ItemWriter<SuspendedItem> {

    private final LocalDate businessDate;
    private final JdbcTemplate jdbc;
    private final LedgerRepository ledger;
    private final BreakRepository breaks;

    public SuspenseReleaseWriter(LocalDate businessDate, JdbcTemplate jdbc, LedgerRepository ledger, BreakRepository breaks) {
        this.businessDate = businessDate;
        this.jdbc = jdbc;
        this.ledger = ledger;
        this.breaks = breaks;
    }

    @Override
    public void write(Chunk<? extends SuspendedItem> chunk) {
        Set<String> originals = new LinkedHashSet<>();
        chunk.forEach(s -> {
            if (s.item().originalPaymentId() != null) {
                originals.add(s.item().originalPaymentId());
            }
        });
        Set<String> postedPayments = ledger.postedPaymentIds(originals);
        List<LedgerItem> post = new ArrayList<>();
        List<Break> raised = new ArrayList<>();
        List<Object[]> statuses = new ArrayList<>();
        List<Object[]> resolved = new ArrayList<>();
        Date today = Date.valueOf(businessDate);
        for (SuspendedItem s : chunk) {
            LedgerItem item = s.item();
            String status;
            if (s.accountCurrency().equals(item.currency())) {
                status = "POSTED";
                post.add(item);
                raised.addAll(PostingDecider.postingBreaks(item, postedPayments));
            } else {
                status = "CURRENCY_MISMATCH";
                raised.add(Break.ofRow(BreakType.CURRENCY_MISMATCH, item.source().code(), item.id(), item.accountId(),
                        item.amount(), item.currency()));
            }
            statuses.add(new Object[]{status, today, s.suspenseId()});
            resolved.add(new Object[]{today, item.source().code(), item.id(), Date.valueOf(item.receivedDate())});
        }
        ledger.insertLedger(post, businessDate);
        ledger.addReversals(post);
        breaks.insert(businessDate, raised);
        jdbc.batchUpdate("UPDATE suspense_item SET status = ?, resolved_date = ? WHERE suspense_id = ?", statuses);
        jdbc.batchUpdate("UPDATE recon_break SET resolved_date = ? WHERE break_type = 'UNKNOWN_ACCOUNT' AND source = ?"
                + " AND reference = ? AND business_date = ? AND resolved_date IS NULL", resolved);
    }
}
