package com.p4p.arrears.db;

import java.math.BigDecimal;
import java.time.LocalDate;

import org.springframework.jdbc.core.JdbcTemplate;

/**
 * A multi-row statement ({@code INSERT ... VALUES (...),(...) [ON DUPLICATE KEY UPDATE ...]}) written
 * as SQL text, for chunks whose values are all of kinds that are safe as literals: ids and codes
 * ({@code A-Z a-z 0-9 _ - .}, validated before they get here and checked again here), dates, whole
 * numbers and decimals. Anything else is refused, never quoted. One statement per chunk, with no
 * per-parameter binding (README, Performance: why).
 */
public final class SqlRows {

    private final String head;
    private final String tail;
    private final StringBuilder sql = new StringBuilder(1 << 16);
    private int rows;
    private boolean rowStarted;

    /**
     * @param head the statement up to and including {@code VALUES}
     * @param tail what follows the rows (e.g. an ON DUPLICATE KEY UPDATE clause), or ""
     */
    public SqlRows(String head, String tail) {
        this.head = head;
        this.tail = tail;
    }

    public SqlRows row() {
        if (rowStarted) {
            sql.append(')');
        }
        sql.append(rows == 0 ? " (" : ",(");
        rows++;
        rowStarted = false;
        return this;
    }

    /** An id or code (null is NULL). */
    public SqlRows id(String value) {
        separator();
        if (value == null) {
            sql.append("NULL");
            return this;
        }
        if (!isSafe(value)) {
            throw new IllegalArgumentException("not a value for a literal: " + value);
        }
        sql.append('\'').append(value).append('\'');
        return this;
    }

    public SqlRows date(LocalDate value) {
        separator();
        if (value == null) {
            sql.append("NULL");
        } else {
            sql.append("DATE '").append(value).append('\'');
        }
        return this;
    }

    public SqlRows number(long value) {
        separator();
        sql.append(value);
        return this;
    }

    public SqlRows decimal(BigDecimal value) {
        separator();
        sql.append(value == null ? "NULL" : value.toPlainString());
        return this;
    }

    public int rows() {
        return rows;
    }

    /** Executes the statement (nothing when there are no rows); returns the update count. */
    public int execute(JdbcTemplate jdbc) {
        if (rows == 0) {
            return 0;
        }
        return jdbc.update(head + sql + ")" + tail);
    }

    private void separator() {
        if (rowStarted) {
            sql.append(',');
        }
        rowStarted = true;
    }

    static boolean isSafe(String value) {
        int n = value.length();
        if (n == 0 || n > 64) {
            return false;
        }
        for (int i = 0; i < n; i++) {
            char c = value.charAt(i);
            if (!(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '_' || c == '-' || c == '.')) {
                return false;
            }
        }
        return true;
    }
}
