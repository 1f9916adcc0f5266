package com.p4p.arrears.db;

import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The rows this database session has read so far, as MySQL and MariaDB count them (the sum of the
 * session's Handler_read_* counters: index seeks, index and table scans). Read before and after a
 * step's statements in one transaction (one connection), the difference is what the step read, which
 * the log shows so that a read growing with the history behind it is visible. -1 where the database
 * does not count them (H2).
 */
public final class HandlerReads {

    private HandlerReads() {
    }

    public static long now(JdbcTemplate jdbc, boolean h2) {
        if (h2) {
            return -1;
        }
        return sum(jdbc, "SESSION");
    }

    /**
     * The rows the whole server has read so far (GLOBAL Handler_read_*): what a step read across all its
     * connections and threads, on a server that runs nothing else (the benchmark's); -1 on H2.
     */
    public static long serverWide(JdbcTemplate jdbc, boolean h2) {
        if (h2) {
            return -1;
        }
        return sum(jdbc, "GLOBAL");
    }

    private static long sum(JdbcTemplate jdbc, String scope) {
        Long sum = jdbc.query("SHOW " + scope + " STATUS LIKE 'Handler_read%'", rs -> {
            long total = 0;
            while (rs.next()) {
                total += rs.getLong(2);
            }
            return total;
        });
        return sum == null ? -1 : sum;
    }

    public static long since(JdbcTemplate jdbc, boolean h2, long start) {
        return start < 0 ? -1 : now(jdbc, h2) - start;
    }
}
