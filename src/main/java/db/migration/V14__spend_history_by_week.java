package db.migration;

import java.sql.Connection;
import java.sql.Statement;

import org.flywaydb.core.api.migration.BaseJavaMigration;
import org.flywaydb.core.api.migration.Context;

import com.p4p.arrears.ledger.ChargeWeek;

/**
 * account_spend_day keyed by (charge_week, account_id, charge_date) instead of (charge_date, account_id)
 * (V7; issue 14). By date first, a walk back over an account's spend read one page per day: the days of
 * one account lay a whole date's worth of accounts apart, and at 1M accounts with a year behind them each
 * was a read from disk (38 us a row, 76% of night 365's history reads). By week first they lie side by
 * side: a page per week. A night's new rows still go into one week's part of the table (not into every
 * account's own page, as with account first before V7), now between the days of that week.
 * <p>
 * MariaDB refuses a generated column in a primary key, so charge_week is a plain column: the writers
 * set it ({@link ChargeWeek}). A Java migration because H2 and MySQL compute the week differently. On a
 * large table this rebuilds it twice (the column, then the key): run it in a maintenance window.
 */
public class V14__spend_history_by_week extends BaseJavaMigration {

    @Override
    public void migrate(Context context) throws Exception {
        Connection connection = context.getConnection();
        boolean h2 = connection.getMetaData().getDatabaseProductName().toLowerCase().contains("h2");
        try (Statement sql = connection.createStatement()) {
            sql.execute("ALTER TABLE account_spend_day ADD COLUMN charge_week DATE NULL");
            sql.execute("UPDATE account_spend_day SET charge_week = " + ChargeWeek.sql(h2, "charge_date"));
            if (h2) {
                sql.execute("ALTER TABLE account_spend_day ALTER COLUMN charge_week SET NOT NULL");
                sql.execute("ALTER TABLE account_spend_day DROP PRIMARY KEY");
                sql.execute("ALTER TABLE account_spend_day ADD PRIMARY KEY (charge_week, account_id, charge_date)");
            } else {
                sql.execute("ALTER TABLE account_spend_day MODIFY charge_week DATE NOT NULL, DROP PRIMARY KEY,"
                        + " ADD PRIMARY KEY (charge_week, account_id, charge_date)");
            }
        }
    }
}
