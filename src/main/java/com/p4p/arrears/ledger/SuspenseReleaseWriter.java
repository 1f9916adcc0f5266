package com.p4p.arrears.ledger;

import java.sql.Date;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;

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
        Map<String, List<Long>> byStatus = new TreeMap<>();
        Set<List<Object>> resolved = new HashSet<>();
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
            byStatus.computeIfAbsent(status, k -> new ArrayList<>()).add(s.suspenseId());
            resolved.add(List.of(item.source().code(), item.id(), item.receivedDate()));
        }
        ledger.insertLedger(post, businessDate);
        breaks.insert(businessDate, raised);
        // set-based: one statement per status and one for the breaks (ids are validated, so literals are safe)
        byStatus.forEach((status, ids) -> jdbc.update("UPDATE suspense_item SET status = ?, resolved_date = ?"
                + " WHERE suspense_id IN (" + ids.stream().map(String::valueOf).collect(Collectors.joining(",")) + ")",
                status, today));
        if (!resolved.isEmpty()) {
            Set<String> references = new LinkedHashSet<>();
            chunk.forEach(s -> references.add(s.item().id()));
            List<Long> breakIds = new ArrayList<>();
            jdbc.query("SELECT break_id, source, reference, business_date FROM recon_break WHERE break_type = 'UNKNOWN_ACCOUNT'"
                    + " AND resolved_date IS NULL AND reference IN " + Ids.inList(references), rs -> {
                        if (resolved.contains(List.of(rs.getString(2), rs.getString(3), rs.getDate(4).toLocalDate()))) {
                            breakIds.add(rs.getLong(1));
                        }
                    });
            if (!breakIds.isEmpty()) {
                jdbc.update("UPDATE recon_break SET resolved_date = ? WHERE break_id IN ("
                        + breakIds.stream().map(String::valueOf).collect(Collectors.joining(",")) + ")", today);
            }
        }
    }
}
