package com.p4p.arrears.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

import com.p4p.arrears.arrears.RunwayForecast;
import com.p4p.arrears.support.PipelineTest;

/**
 * finance_runway derives daily_spend and days_to_zero in SQL from what account_state stores (V11): they
 * must be exactly RunwayForecast's, which runway.csv and explain use, on the configured database (MariaDB
 * in CI, else H2), at the edges: half-even ties in cents and in yen, a 4th decimal of S, exact quotients,
 * balances and windows far beyond a day's.
 */
@PipelineTest
class RunwayViewsTest {

    @Autowired
    JdbcTemplate jdbc;

    /** account, currency, minor digits, balance, S, window_days. */
    private static final List<String[]> ROWS = List.of(
            new String[] {"A01", "USD", "2", "100.00", "0.05", "2"},     // 0.025: tie, to the even 0.02
            new String[] {"A02", "USD", "2", "100.00", "0.15", "2"},     // 0.075: tie, to the even 0.08
            new String[] {"A03", "USD", "2", "2.00", "2.00", "3"},       // 2 x 3 / 2 = 3 exactly, not 2
            new String[] {"A04", "USD", "2", "10.0001", "10.0001", "7"}, // 4 decimals: 1.4285857 -> 1.43
            new String[] {"A05", "USD", "2", "0.0001", "99999999999999999999.99", "1"}, // 0 days
            new String[] {"A06", "USD", "2", "99999999999999999999.9999", "0.0001", "10000"}, // 10^28 - 10^4 days
            new String[] {"A07", "USD", "2", "1.00", "0.07", "7"},       // 0.01, 100 days
            new String[] {"J01", "JPY", "0", "980", "5", "2"},           // 2.5: tie, to the even 2
            new String[] {"J02", "JPY", "0", "980", "15", "2"},          // 7.5: tie, to the even 8
            new String[] {"J03", "JPY", "0", "1", "15000", "7"},         // 2143 a day; 0 days
            new String[] {"J04", "JPY", "0", "3000", "2143", "365"},     // 5.87 -> 6
            new String[] {"K01", "KWD", "3", "12.345", "0.0035", "7"},   // 0.0005: tie, to the even 0.000
            new String[] {"X01", "XTS", "4", "1.0000", "0.0003", "2"});  // 0.00015: tie, to the even 0.0002

    @Test
    void theViewsFiguresAreExactlyTheForecastsAtTheEdges() {
        for (String[] r : ROWS) {
            jdbc.update("INSERT INTO account (account_id, store_id, currency, opened_date, enforcement_hold, first_seen_date,"
                    + " snapshot_date, snapshot_line) VALUES (?, 'S1', ?, '2025-01-01', 'N', '2026-11-25', '2026-11-25', 2)",
                    r[0], r[1]);
            jdbc.update("INSERT INTO account_state (account_id, as_of_date, balance, owed, days_past_due, stage,"
                    + " enforced_stage, credit_status, in_low_band, in_runway_band, window_spend, runway_days, runway_digits)"
                    + " VALUES (?, '2026-11-27', ?, 0, 0, 'CURRENT', 'CURRENT', '11', 'N', 'Y', ?, ?, ?)",
                    r[0], new BigDecimal(r[3]), new BigDecimal(r[4]), Integer.parseInt(r[5]), Integer.parseInt(r[2]));
        }
        // an account without a forecast (no rule stored) is not in the view
        jdbc.update("INSERT INTO account (account_id, store_id, currency, opened_date, enforcement_hold, first_seen_date,"
                + " snapshot_date, snapshot_line) VALUES ('Z01', 'S1', 'USD', '2025-01-01', 'N', '2026-11-25', '2026-11-25', 2)");
        jdbc.update("INSERT INTO account_state (account_id, as_of_date, balance, owed, days_past_due, stage, enforced_stage,"
                + " credit_status, in_low_band) VALUES ('Z01', '2026-11-27', 5, 0, 0, 'CURRENT', 'CURRENT', '11', 'N')");

        Map<String, BigDecimal[]> view = new HashMap<>();
        jdbc.query("SELECT account_id, daily_spend, days_to_zero FROM finance_runway", rs -> {
            view.put(rs.getString(1), new BigDecimal[] {rs.getBigDecimal(2), rs.getBigDecimal(3)});
        });
        assertThat(view).hasSize(ROWS.size());
        Map<String, BigDecimal> dailyByCurrency = new HashMap<>();
        for (String[] r : ROWS) {
            BigDecimal s = new BigDecimal(r[4]);
            int days = Integer.parseInt(r[5]);
            BigDecimal daily = RunwayForecast.dailySpend(s, days, Integer.parseInt(r[2]));
            BigDecimal toZero = RunwayForecast.daysToZero(new BigDecimal(r[3]), days, s);
            assertThat(view.get(r[0])[0]).as(r[0] + " daily_spend").isEqualByComparingTo(daily);
            assertThat(view.get(r[0])[1]).as(r[0] + " days_to_zero").isEqualByComparingTo(toZero);
            dailyByCurrency.merge(r[1], daily, BigDecimal::add);
        }
        // the hand-worked ones, so that the two cannot be wrong together
        assertThat(view.get("A01")[0]).isEqualByComparingTo("0.02");
        assertThat(view.get("A02")[0]).isEqualByComparingTo("0.08");
        assertThat(view.get("A03")[1]).isEqualByComparingTo("3");
        assertThat(view.get("A04")[0]).isEqualByComparingTo("1.43");
        assertThat(view.get("A06")[1]).isEqualByComparingTo("9999999999999999999999990000");
        assertThat(view.get("J01")[0]).isEqualByComparingTo("2");
        assertThat(view.get("J02")[0]).isEqualByComparingTo("8");
        assertThat(view.get("J04")[0]).isEqualByComparingTo("6");
        assertThat(view.get("K01")[0]).isEqualByComparingTo("0");
        assertThat(view.get("X01")[0]).isEqualByComparingTo("0.0002");

        jdbc.query("SELECT currency, accounts_forecast, accounts_in_band, daily_spend_in_band FROM finance_runway_by_currency",
                rs -> {
                    String currency = rs.getString(1);
                    assertThat(rs.getLong(2)).as(currency).isEqualTo(ROWS.stream().filter(r -> r[1].equals(currency)).count());
                    assertThat(rs.getLong(3)).as(currency).isEqualTo(rs.getLong(2));
                    assertThat(rs.getBigDecimal(4)).as(currency).isEqualByComparingTo(dailyByCurrency.get(currency));
                });
    }
}
