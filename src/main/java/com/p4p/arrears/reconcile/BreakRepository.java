package com.p4p.arrears.reconcile;

import java.sql.Date;
import java.time.LocalDate;
import java.util.List;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/**
 * Records the breaks a run raises in recon_break, in one batched insert: a night's own (intraday_file
 * NULL), or through {@link IntradayBreaks} a lifted intraday file's (SPEC 13), marked with the file's time.
 * Resolving UNKNOWN_ACCOUNT breaks is the suspense release's ({@code SuspenseReleaseWriter}).
 */
@Repository
public class BreakRepository {

    private final JdbcTemplate jdbc;

    public BreakRepository(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    public void insert(LocalDate businessDate, List<Break> breaks) {
        insert(businessDate, breaks, null);
    }

    /** @param intradayFile the time of the lifted file that raised them (SPEC 13), null for a night's own */
    protected final void insert(LocalDate businessDate, List<Break> breaks, String intradayFile) {
        if (breaks.isEmpty()) {
            return;
        }
        jdbc.batchUpdate("INSERT INTO recon_break (business_date, break_type, source, reference, account_id,"
                + " expected, actual, difference, currency, intraday_file, line_number) VALUES (?,?,?,?,?,?,?,?,?,?,?)",
                breaks,
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
                    ps.setString(10, intradayFile);
                    if (b.lineNumber() > 0) {
                        ps.setLong(11, b.lineNumber());
                    } else {
                        ps.setNull(11, java.sql.Types.BIGINT);
                    }
                });
    }
}
