package com.p4p.arrears.report;

import java.sql.ResultSet;
import java.sql.SQLException;

import com.p4p.arrears.policy.Policy;

/**
 * The rows of the files a night and a lift both write (SPEC 8, 13): enforcement_actions.csv and
 * recon_breaks.csv, made from the columns each query selects first, in the order named here. The two
 * jobs differ only in which rows they select (and a lift's breaks are never resolved), so a column
 * added to one file is added to both.
 */
final class OutputRows {

    /** What {@link #action} reads, first in the select list. */
    static final String ACTION_COLUMNS = "account_id, store_id, action, from_stage, to_stage, owed, currency, days_past_due";
    /** What {@link #recordedBreak} reads, first in the select list. */
    static final String BREAK_COLUMNS = "break_type, source, reference, account_id, expected, actual, difference, currency";
    static final String[] BREAKS_HEADER = {"business_date", "break_type", "source", "reference", "account_id",
            "expected", "actual", "difference", "currency", "resolved_date"};

    private OutputRows() {
    }

    /** An enforcement_actions.csv row ({@link AccountFile#ENFORCEMENT_ACTIONS}) from {@link #ACTION_COLUMNS}. */
    static String[] action(String businessDate, ResultSet rs, Policy policy) throws SQLException {
        String currency = rs.getString(7);
        return new String[]{businessDate, rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
                rs.getString(5), Formats.money(rs.getBigDecimal(6), currency, policy), currency,
                Integer.toString(rs.getInt(8))};
    }

    /** A recon_breaks.csv row from {@link #BREAK_COLUMNS}, resolved on {@code resolvedDate} ("" when open). */
    static String[] recordedBreak(String businessDate, ResultSet rs, Policy policy, String resolvedDate)
            throws SQLException {
        String currency = rs.getString(8);
        return new String[]{businessDate, rs.getString(1), rs.getString(2), rs.getString(3), orEmpty(rs.getString(4)),
                Formats.money(rs.getBigDecimal(5), currency, policy), Formats.money(rs.getBigDecimal(6), currency, policy),
                Formats.money(rs.getBigDecimal(7), currency, policy), orEmpty(currency), resolvedDate};
    }

    private static String orEmpty(String s) {
        return s == null ? "" : s;
    }
}
