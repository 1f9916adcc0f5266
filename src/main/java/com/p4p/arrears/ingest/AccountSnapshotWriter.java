package com.p4p.arrears.ingest;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.springframework.batch.infrastructure.item.Chunk;
import org.springframework.batch.infrastructure.item.ItemWriter;
import org.springframework.jdbc.core.JdbcTemplate;

import com.p4p.arrears.ingest.IngestLog.Tally;
import com.p4p.arrears.ledger.Ids;
import com.p4p.arrears.db.SqlRows;
import com.p4p.arrears.reconcile.Break;
import com.p4p.arrears.reconcile.BreakRepository;
import com.p4p.arrears.reconcile.BreakType;

/**
 * Applies a chunk of the accounts snapshot: new accounts are created, known ones get their store and
 * hold updated. The first valid row of an account in the file wins; a later one is a duplicate or a
 * conflict; a row that would change an account's currency is rejected (CURRENCY_CHANGE). Whether an
 * account was already applied from this file is read from the account itself (snapshot_date), so a
 * restarted step decides exactly as an undisturbed one.
 */
public class AccountSnapshotWriter implements ItemWriter<Validated<AccountRow>> {

    private final LocalDate businessDate;
    private final JdbcTemplate jdbc;
    private final BreakRepository breaks;
    private final IngestLog log;

    /** An account as the ledger knows it now. */
    private record Known(AccountRow row, LocalDate snapshotDate) {
    }

    public AccountSnapshotWriter(LocalDate businessDate, JdbcTemplate jdbc, BreakRepository breaks, IngestLog log) {
        this.businessDate = businessDate;
        this.jdbc = jdbc;
        this.breaks = breaks;
        this.log = log;
    }

    @Override
    public void write(Chunk<? extends Validated<AccountRow>> chunk) {
        if (chunk.isEmpty()) {
            return;
        }
        Tally tally = new Tally(chunk.getItems().get(0).lineNumber(), chunk.size());
        Validated.Split<AccountRow> rows = Validated.split(chunk);
        Map<String, Known> known = load(rows.valid());
        List<AccountRow> apply = new ArrayList<>();
        List<Object[]> holdChanges = new ArrayList<>();
        List<Break> conflicts = new ArrayList<>();
        for (AccountRow row : rows.valid()) {
            Known k = known.get(row.accountId());
            if (k != null && !k.row().currency().equals(row.currency())) {
                rows.rejects().add(new Validated.Rejected<>(row.lineNumber(), RejectReason.CURRENCY_CHANGE, row.raw()));
            } else if (k != null && businessDate.equals(k.snapshotDate())) {
                if (k.row().sameContent(row)) {
                    tally.duplicate++;
                } else {
                    tally.conflict++;
                    conflicts.add(new Break(BreakType.CONFLICTING_DUPLICATE, Source.ACCOUNTS.code(), row.accountId(),
                            row.accountId(), null, null, null, row.currency(), row.lineNumber()));
                }
            } else {
                tally.posted++;
                apply.add(row);
                if (k == null ? row.hold() : k.row().hold() != row.hold()) {
                    holdChanges.add(new Object[]{row.accountId(), java.sql.Date.valueOf(businessDate), row.hold() ? "Y" : "N"});
                }
                known.put(row.accountId(), new Known(row, businessDate));
            }
        }
        tally.rejected = rows.rejects().size();
        rows.rejects().sort((a, b) -> Long.compare(a.lineNumber(), b.lineNumber()));
        log.insertRejects(businessDate, Source.ACCOUNTS, rows.rejects());
        upsert(apply);
        // the hold each night had, for what-if and explain (SPEC 11): account keeps only the latest
        jdbc.batchUpdate("INSERT INTO account_hold_change (account_id, business_date, enforcement_hold) VALUES (?,?,?)",
                holdChanges);
        breaks.insert(businessDate, conflicts);
        log.insertTally(businessDate, Source.ACCOUNTS, tally);
    }

    private Map<String, Known> load(List<AccountRow> rows) {
        Map<String, Known> known = new HashMap<>();
        Set<String> ids = new LinkedHashSet<>();
        rows.forEach(r -> ids.add(r.accountId()));
        if (!ids.isEmpty()) {
            jdbc.query("SELECT account_id, store_id, currency, opened_date, enforcement_hold, snapshot_date,"
                    + " snapshot_line FROM account WHERE account_id IN " + Ids.inList(ids), rs -> {
                        AccountRow row = new AccountRow(rs.getString(1), rs.getString(2), rs.getString(3),
                                rs.getObject(4, LocalDate.class), "Y".equals(rs.getString(5)), rs.getLong(7), null);
                        known.put(row.accountId(), new Known(row, rs.getObject(6, LocalDate.class)));
                    });
        }
        return known;
    }

    private void upsert(List<AccountRow> rows) {
        if (rows.isEmpty()) {
            return;
        }
        SqlRows upsert = new SqlRows("INSERT INTO account (account_id, store_id, currency, opened_date, enforcement_hold,"
                + " first_seen_date, snapshot_date, snapshot_line) VALUES",
                " ON DUPLICATE KEY UPDATE store_id = VALUES(store_id), opened_date = VALUES(opened_date),"
                + " enforcement_hold = VALUES(enforcement_hold), snapshot_date = VALUES(snapshot_date),"
                + " snapshot_line = VALUES(snapshot_line)");
        for (AccountRow r : rows) {
            upsert.row().id(r.accountId()).id(r.storeId()).id(r.currency()).date(r.openedDate()).id(r.hold() ? "Y" : "N")
                    .date(businessDate).date(businessDate).number(r.lineNumber());
        }
        upsert.execute(jdbc);
    }
}
