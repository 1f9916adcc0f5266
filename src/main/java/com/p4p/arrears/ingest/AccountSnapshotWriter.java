package com.p4p.arrears.ingest;

import java.sql.Date;
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
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;

import com.p4p.arrears.ingest.IngestLog.Tally;
import com.p4p.arrears.ops.Databases;
import com.p4p.arrears.ops.Upsert;
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

    /** A new account is created; a known one takes the snapshot's store, hold and opened date. */
    private static final Upsert APPLY = Upsert.into("account", List.of("account_id", "store_id", "currency",
                    "opened_date", "enforcement_hold", "first_seen_date", "snapshot_date", "snapshot_line"),
                    List.of("account_id"))
            .replace("store_id", "opened_date", "enforcement_hold", "snapshot_date", "snapshot_line");

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
        ValidatedChunk<AccountRow> rows = ValidatedChunk.of(chunk);
        Tally tally = rows.tally();
        List<Validated.Rejected<?>> rejects = new ArrayList<>(rows.rejects());
        List<AccountRow> valid = rows.valid();
        Map<String, Known> known = load(valid);
        List<AccountRow> apply = new ArrayList<>();
        List<Break> conflicts = new ArrayList<>();
        for (AccountRow row : valid) {
            Known k = known.get(row.accountId());
            if (k != null && !k.row().currency().equals(row.currency())) {
                rejects.add(new Validated.Rejected<>(row.lineNumber(), RejectReason.CURRENCY_CHANGE, row.raw()));
            } else if (k != null && businessDate.equals(k.snapshotDate())) {
                if (k.row().sameContent(row)) {
                    tally.duplicate++;
                } else {
                    tally.conflict++;
                    conflicts.add(new Break(BreakType.CONFLICTING_DUPLICATE, Source.ACCOUNTS.code(), row.accountId(),
                            row.accountId(), null, null, null, row.currency()));
                }
            } else {
                tally.posted++;
                apply.add(row);
                known.put(row.accountId(), new Known(row, businessDate));
            }
        }
        tally.rejected = rejects.size();
        rejects.sort((a, b) -> Long.compare(a.lineNumber(), b.lineNumber()));
        log.insertRejects(businessDate, Source.ACCOUNTS, rejects);
        upsert(apply);
        breaks.insert(businessDate, conflicts);
        log.insertTally(businessDate, Source.ACCOUNTS, tally);
    }

    private Map<String, Known> load(List<AccountRow> rows) {
        Map<String, Known> known = new HashMap<>();
        Set<String> ids = new LinkedHashSet<>();
        rows.forEach(r -> ids.add(r.accountId()));
        if (!ids.isEmpty()) {
            new NamedParameterJdbcTemplate(jdbc).query("SELECT account_id, store_id, currency, opened_date,"
                    + " enforcement_hold, snapshot_date, snapshot_line FROM account WHERE account_id IN (:ids)",
                    new MapSqlParameterSource("ids", ids), rs -> {
                        AccountRow row = new AccountRow(rs.getString(1), rs.getString(2), rs.getString(3),
                                rs.getDate(4).toLocalDate(), "Y".equals(rs.getString(5)), rs.getLong(7), null);
                        known.put(row.accountId(), new Known(row, rs.getDate(6).toLocalDate()));
                    });
        }
        return known;
    }

    private void upsert(List<AccountRow> rows) {
        if (rows.isEmpty()) {
            return;
        }
        Date day = Date.valueOf(businessDate);
        jdbc.batchUpdate(APPLY.sql(Databases.isH2(jdbc.getDataSource())), rows, rows.size(), (ps, r) -> {
                    ps.setString(1, r.accountId());
                    ps.setString(2, r.storeId());
                    ps.setString(3, r.currency());
                    ps.setDate(4, Date.valueOf(r.openedDate()));
                    ps.setString(5, r.hold() ? "Y" : "N");
                    ps.setDate(6, day);
                    ps.setDate(7, day);
                    ps.setLong(8, r.lineNumber());
                });
    }
}
