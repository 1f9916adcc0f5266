package com.p4p.arrears.reconcile;

import java.math.BigDecimal;
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

import com.p4p.arrears.ingest.BalanceRow;
import com.p4p.arrears.ingest.IngestLog;
import com.p4p.arrears.ingest.IngestLog.Tally;
import com.p4p.arrears.ingest.Source;
import com.p4p.arrears.ingest.Validated;
import com.p4p.arrears.ledger.Ids;
import com.p4p.arrears.db.SqlRows;

/**
 * Compares a chunk of the platform's balances with the ledger after the day's postings (SPEC 3, 8):
 * BALANCE_MISMATCH when they differ, UNKNOWN_ACCOUNT for an account the ledger does not know,
 * CURRENCY_MISMATCH for a row in another currency. The first valid row per account wins; later ones
 * are duplicates or conflicts. Rows are compared, never posted.
 */
public class BalanceComparisonWriter implements ItemWriter<Validated<BalanceRow>> {

    private final LocalDate businessDate;
    private final JdbcTemplate jdbc;
    private final BreakRepository breaks;
    private final IngestLog log;

    private record LedgerAccount(String currency, BigDecimal balance) {
    }

    public BalanceComparisonWriter(LocalDate businessDate, JdbcTemplate jdbc, BreakRepository breaks, IngestLog log) {
        this.businessDate = businessDate;
        this.jdbc = jdbc;
        this.breaks = breaks;
        this.log = log;
    }

    @Override
    public void write(Chunk<? extends Validated<BalanceRow>> chunk) {
        if (chunk.isEmpty()) {
            return;
        }
        Tally tally = new Tally(chunk.getItems().get(0).lineNumber(), chunk.size());
        Validated.Split<BalanceRow> rows = Validated.split(chunk);
        tally.rejected = rows.rejects().size();
        Set<String> ids = new LinkedHashSet<>();
        rows.valid().forEach(r -> ids.add(r.accountId()));
        Map<String, BalanceRow> firstRows = new HashMap<>();
        Map<String, LedgerAccount> accounts = new HashMap<>();
        if (!ids.isEmpty()) {
            String in = Ids.inList(ids);
            jdbc.query("SELECT account_id, balance, currency, line_number FROM balance_report"
                    + " WHERE business_date = ? AND account_id IN " + in, rs -> {
                        firstRows.put(rs.getString(1), new BalanceRow(rs.getString(1), rs.getBigDecimal(2),
                                rs.getString(3), rs.getLong(4)));
                    }, Date.valueOf(businessDate));
            jdbc.query("SELECT account_id, currency, credits - debits FROM account WHERE account_id IN " + in, rs -> {
                accounts.put(rs.getString(1), new LedgerAccount(rs.getString(2), rs.getBigDecimal(3)));
            });
        }
        List<Break> raised = new ArrayList<>();
        SqlRows reported = new SqlRows("INSERT INTO balance_report (business_date, account_id, balance, currency,"
                + " line_number, disposition) VALUES", "");
        String source = Source.BALANCES.code();
        for (BalanceRow row : rows.valid()) {
            BalanceRow first = firstRows.get(row.accountId());
            if (first != null) {
                if (first.sameContent(row)) {
                    tally.duplicate++;
                } else {
                    tally.conflict++;
                    raised.add(Break.compared(BreakType.CONFLICTING_DUPLICATE, source, row.accountId(), row.accountId(),
                            first.balance(), row.balance(), row.currency()).atLine(row.lineNumber()));
                }
                continue;
            }
            firstRows.put(row.accountId(), row);
            LedgerAccount account = accounts.get(row.accountId());
            String disposition;
            if (account == null) {
                tally.posted++;
                disposition = "UNKNOWN_ACCOUNT";
                raised.add(Break.ofRow(BreakType.UNKNOWN_ACCOUNT, source, row.accountId(), row.accountId(),
                        row.balance(), row.currency()).atLine(row.lineNumber()));
            } else if (!account.currency().equals(row.currency())) {
                tally.currencyMismatch++;
                disposition = "CURRENCY_MISMATCH";
                raised.add(Break.ofRow(BreakType.CURRENCY_MISMATCH, source, row.accountId(), row.accountId(),
                        row.balance(), row.currency()).atLine(row.lineNumber()));
            } else {
                tally.posted++;
                disposition = "COMPARED";
                if (account.balance().compareTo(row.balance()) != 0) {
                    raised.add(Break.compared(BreakType.BALANCE_MISMATCH, source, row.accountId(), row.accountId(),
                            account.balance(), row.balance(), row.currency()).atLine(row.lineNumber()));
                }
            }
            reported.row().date(businessDate).id(row.accountId()).decimal(row.balance()).id(row.currency())
                    .number(row.lineNumber()).id(disposition);
        }
        log.insertRejects(businessDate, Source.BALANCES, rows.rejects());
        reported.execute(jdbc);
        breaks.insert(businessDate, raised);
        log.insertTally(businessDate, Source.BALANCES, tally);
    }
}
