package com.p4p.arrears.support;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashMap;
import java.util.Map;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;

/**
 * A fresh, empty database for a test that runs the packaged jar as a process: a new MySQL database
 * beside the one SPRING_DATASOURCE_URL names (CI), else an H2 file in the test's folder.
 */
public final class TestDatabase implements AutoCloseable {

    private final String url;
    private final String user;
    private final String password;
    private final String mysqlName;
    private final String mysqlServer;

    private TestDatabase(String url, String user, String password, String mysqlServer, String mysqlName) {
        this.url = url;
        this.user = user;
        this.password = password;
        this.mysqlServer = mysqlServer;
        this.mysqlName = mysqlName;
    }

    public static boolean mysqlConfigured() {
        String url = System.getenv("SPRING_DATASOURCE_URL");
        return url != null && url.startsWith("jdbc:mysql:");
    }

    public static TestDatabase fresh(Path dir, String name) {
        if (!mysqlConfigured()) {
            return new TestDatabase("jdbc:h2:file:" + dir.resolve(name).toAbsolutePath()
                    + ";MODE=MySQL;DATABASE_TO_LOWER=TRUE;CASE_INSENSITIVE_IDENTIFIERS=TRUE;DB_CLOSE_ON_EXIT=FALSE;USER=sa;PASSWORD=",
                    null, null, null, null);
        }
        String base = System.getenv("SPRING_DATASOURCE_URL");
        String user = System.getenv().getOrDefault("SPRING_DATASOURCE_USERNAME", "root");
        String password = System.getenv().getOrDefault("SPRING_DATASOURCE_PASSWORD", "");
        int slash = base.indexOf('/', "jdbc:mysql://".length());
        int query = base.indexOf('?', slash);
        String server = base.substring(0, slash);
        String baseName = base.substring(slash + 1, query < 0 ? base.length() : query);
        String db = (baseName + "_" + name).replaceAll("[^A-Za-z0-9_]", "_");
        try (Connection c = DriverManager.getConnection(server + "/", user, password); Statement s = c.createStatement()) {
            s.execute("DROP DATABASE IF EXISTS " + db);
            s.execute("CREATE DATABASE " + db + " CHARACTER SET utf8mb4 COLLATE utf8mb4_bin");
        } catch (SQLException e) {
            throw new IllegalStateException("MySQL was asked for (" + base + ") and cannot be reached: " + e.getMessage(), e);
        }
        return new TestDatabase(server + "/" + db, user, password, server, db);
    }

    public String url() {
        return url;
    }

    /** The same database through another address (e.g. a proxy port), MySQL only. */
    public String urlVia(int port) {
        return "jdbc:mysql://127.0.0.1:" + port + "/" + mysqlName;
    }

    /** The environment that points the jar at this database. */
    public Map<String, String> env() {
        return env(url);
    }

    public Map<String, String> env(String jdbcUrl) {
        Map<String, String> env = new HashMap<>();
        env.put("SPRING_DATASOURCE_URL", jdbcUrl);
        env.put("SPRING_DATASOURCE_USERNAME", user == null ? "" : user);
        env.put("SPRING_DATASOURCE_PASSWORD", password == null ? "" : password);
        return env;
    }

    /** A query helper; on H2 only while no process has the database open. */
    public JdbcTemplate jdbc() {
        SingleConnectionDataSource ds = new SingleConnectionDataSource(url, user == null ? "" : user,
                password == null ? "" : password, true);
        return new JdbcTemplate(ds);
    }

    @Override
    public void close() {
        if (mysqlName != null) {
            try (Connection c = DriverManager.getConnection(mysqlServer + "/", user, password);
                 Statement s = c.createStatement()) {
                s.execute("DROP DATABASE IF EXISTS " + mysqlName);
            } catch (SQLException e) {
                // leave it: CI starts from a fresh server database anyway
            }
        }
    }
}
