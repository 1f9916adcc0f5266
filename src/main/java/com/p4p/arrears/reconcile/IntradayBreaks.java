package com.p4p.arrears.reconcile;

import java.time.LocalDate;
import java.util.List;

import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Breaks raised by a lifted intraday file (SPEC 13): in recon_break like every break (finance's open
 * breaks, suspense resolution), marked with the file's time so the night does not list them as its own.
 */
public class IntradayBreaks extends BreakRepository {

    private final String fileTime;

    public IntradayBreaks(JdbcTemplate jdbc, String fileTime) {
        super(jdbc);
        this.fileTime = fileTime;
    }

    @Override
    public void insert(LocalDate businessDate, List<Break> breaks) {
        insert(businessDate, breaks, fileTime);
    }
}
