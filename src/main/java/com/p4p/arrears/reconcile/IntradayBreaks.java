package com.p4p.arrears.reconcile;

import java.sql.Date;
import java.time.LocalDate;
import java.util.List;

import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Breaks raised by a lifted intraday file (SPEC 13): in recon_break like every break (finance's open
 * breaks, suspense resolution), marked with the file's time so the night does not list them as its own.
 */
public class IntradayBreaks extends BreakRepository {

    private final JdbcTemplate jdbc;
    private final String fileTime;

    public IntradayBreaks(JdbcTemplate jdbc, String fileTime) {
        super(jdbc);
        this.jdbc = jdbc;
        this.fileTime = fileTime;
    }

    @Override
    public void insert(LocalDate businessDate, List<Break> breaks) {
        if (breaks.isEmpty()) {
            return;
        }
        jdbc.batchUpdate("INSERT INTO recon_break (business_date, break_type, source, reference, account_id,"
                + " expected, actual, difference, currency, intraday_file) VALUES (?,?,?,?,?,?,?,?,?,?)", breaks,
                breaks.size(), (ps, b) -> {
                    ps.setDate(1, Date.valueOf(businessDate));
                    ps.setString(2, b.type().name());
                    ps.setString(3, b.source());
                    ps.setString(4, b.reference());
                    ps.setString(5, b.accountId());
                    ps.setBigDecimal(6, b.expected());
                    ps.setBigDecimal(7, b.actual());
                    ps.setBigDecimal(8, b.difference());
                    ps.setString(9, b.currency());
                    ps.setString(10, fileTime);
                });
    }
}
