package com.p4p.arrears.support;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import javax.sql.DataSource;

import org.springframework.jdbc.core.JdbcTemplate;

import com.p4p.arrears.db.Databases;

/**
 * Every table's content as a row count and a hash of its rows (sorted, so the order a database returns
 * them in does not matter): two snapshots are equal exactly when no row of any table changed. Works
 * alike on H2 and MariaDB (CHECKSUM TABLE exists only on MySQL), for the small databases of tests.
 */
public final class TableChecksums {

    private TableChecksums() {
    }

    public static Map<String, String> of(DataSource dataSource) {
        JdbcTemplate jdbc = new JdbcTemplate(dataSource);
        List<String> tables = jdbc.queryForList(Databases.isH2(dataSource)
                ? "SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' AND table_type = 'BASE TABLE'"
                : "SELECT table_name FROM information_schema.tables WHERE table_schema = DATABASE() AND table_type = 'BASE TABLE'",
                String.class);
        Map<String, String> out = new TreeMap<>();
        for (String table : tables) {
            List<String> rows = new ArrayList<>();
            jdbc.query("SELECT * FROM " + table, rs -> {
                StringBuilder row = new StringBuilder();
                for (int c = 1; c <= rs.getMetaData().getColumnCount(); c++) {
                    row.append(rs.getString(c)).append('\u0001');
                }
                rows.add(row.toString());
            });
            rows.sort(null);
            out.put(table.toLowerCase(), rows.size() + " rows " + sha256(rows));
        }
        return out;
    }

    private static String sha256(List<String> rows) {
        try {
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            rows.forEach(r -> md.update((r + "\n").getBytes(StandardCharsets.UTF_8)));
            return HexFormat.of().formatHex(md.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
