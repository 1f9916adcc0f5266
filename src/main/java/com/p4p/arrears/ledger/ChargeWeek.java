package com.p4p.arrears.ledger;

import java.time.DayOfWeek;
import java.time.LocalDate;

/**
 * The week a charge date falls in, by its Monday: the first part of account_spend_day's key (V14), so
 * that an account's days of one week lie side by side. A walk back over an account's spend then reads
 * a page per week instead of a page per day, while a night's new rows still land in one week's part of
 * the table (see V14__spend_history_by_week).
 */
public final class ChargeWeek {

    private ChargeWeek() {
    }

    /** The Monday of the date's week. */
    public static LocalDate of(LocalDate date) {
        return date.with(DayOfWeek.MONDAY);
    }

    /** The same in SQL, of a DATE expression ({@code column}): H2 and MySQL/MariaDB spell it differently. */
    public static String sql(boolean h2, String column) {
        return h2 ? "DATEADD('DAY', 1 - ISO_DAY_OF_WEEK(" + column + "), " + column + ")"
                : "(" + column + " - INTERVAL WEEKDAY(" + column + ") DAY)";
    }
}
