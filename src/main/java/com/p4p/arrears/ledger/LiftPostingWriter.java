package com.p4p.arrears.ledger;

import java.sql.Date;
import java.time.LocalDate;

import org.springframework.batch.infrastructure.item.Chunk;
import org.springframework.batch.infrastructure.item.ItemWriter;
import org.springframework.jdbc.core.JdbcTemplate;

import com.p4p.arrears.ingest.LedgerItem;
import com.p4p.arrears.ingest.Validated;

/**
 * Posts a chunk of a lifted intraday file exactly as the nightly payments file is posted (the
 * {@link LedgerPostingWriter}), then records, in the same transaction, the accounts its entries went
 * to: the entries after the ledger's highest id before the chunk (the lift holds the run lock, so no
 * one else posts meanwhile). A restarted lift thus still knows the accounts of its committed chunks.
 */
public class LiftPostingWriter implements ItemWriter<Validated<LedgerItem>> {

    private final LedgerPostingWriter posting;
    private final JdbcTemplate jdbc;
    private final LocalDate businessDate;
    private final String fileTime;

    public LiftPostingWriter(LedgerPostingWriter posting, JdbcTemplate jdbc, LocalDate businessDate, String fileTime) {
        this.posting = posting;
        this.jdbc = jdbc;
        this.businessDate = businessDate;
        this.fileTime = fileTime;
    }

    @Override
    public void write(Chunk<? extends Validated<LedgerItem>> chunk) throws Exception {
        long before = jdbc.queryForObject("SELECT COALESCE(MAX(entry_id), 0) FROM ledger_entry", Long.class);
        posting.write(chunk);
        Date day = Date.valueOf(businessDate);
        jdbc.update("INSERT INTO intraday_account (business_date, file_time, account_id)"
                + " SELECT DISTINCT ?, ?, e.account_id FROM ledger_entry e WHERE e.entry_id > ? AND NOT EXISTS"
                + " (SELECT 1 FROM intraday_account i WHERE i.business_date = ? AND i.file_time = ?"
                + " AND i.account_id = e.account_id)", day, fileTime, before, day, fileTime);
    }
}
