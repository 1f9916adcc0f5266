package com.p4p.arrears.arrears;

import java.math.BigDecimal;
import java.sql.Date;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.Map;
import java.util.stream.Collectors;

import org.springframework.jdbc.core.JdbcTemplate;

import com.p4p.arrears.policy.RunwayRule;

/**
 * S of SPEC 10 for a chunk of accounts: the spend the runs D-window_days+1 .. D posted to each, read
 * from account_day_delta (what each run's close posted per account: the day's charges, late charges
 * and spend released from suspense alike, each under the run that posted it). Only the window's
 * business dates are read, and only the chunk's id range of each: as many primary-key ranges as the
 * window has dates, never more however many nights the ledger holds.
 * <p>
 * The rows read are those a closed ledger day wrote, which nothing changes afterwards, so a restarted
 * classification reads exactly what the failed one read. Read only for the accounts whose window was not
 * carried from the night before ({@link RunwaySpendWindow}): on the first night with a runway block, or
 * after its window_days changed.
 */
public class RunwayWindowStore {

    private final JdbcTemplate jdbc;
    private final String dates;

    /**
     * @param rule the policy's runway block
     */
    public RunwayWindowStore(JdbcTemplate jdbc, LocalDate businessDate, RunwayRule rule) {
        this.jdbc = jdbc;
        // Dates before the first closed night hold nothing: a window longer than the history is cut there,
        // so that a long window (window_days is any whole number) does not become a long IN list.
        LocalDate first = businessDate.minusDays(rule.windowDays() - 1L);
        LocalDate history = jdbc.queryForObject("SELECT MIN(business_date) FROM currency_day", LocalDate.class);
        if (history != null && history.isAfter(first)) {
            first = history;
        }
        if (first.isAfter(businessDate)) {
            first = businessDate;
        }
        // an IN list of dates (not a BETWEEN): each date is an equality on the key's first column, so the
        // account range on its second is a range scan, not a scan of every account of those dates
        this.dates = first.datesUntil(businessDate.plusDays(1)).map(d -> "'" + Date.valueOf(d) + "'")
                .collect(Collectors.joining(",", "(", ")"));
    }

    /**
     * Each account of [first, last] with spend in the window: the spend each of the window's runs posted
     * to it, by business date (accounts without any are absent).
     */
    public Map<String, Map<LocalDate, BigDecimal>> spendByNight(String first, String last) {
        Map<String, Map<LocalDate, BigDecimal>> out = new HashMap<>();
        jdbc.query("SELECT account_id, business_date, debits FROM account_day_delta WHERE business_date IN " + dates
                + " AND account_id BETWEEN ? AND ? AND debits > 0", rs -> {
                    out.computeIfAbsent(rs.getString(1), k -> new HashMap<>())
                            .put(rs.getObject(2, LocalDate.class), rs.getBigDecimal(3));
                }, first, last);
        return out;
    }
}
