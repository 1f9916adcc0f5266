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
    /** The base URL's query ("?..." or ""): its session settings (CI's sql_mode) hold for every test database. */
    private final String query;

    private TestDatabase(String url, String user, String password, String mysqlServer, String mysqlName, String query) {
        this.url = url;
        this.user = user;
        this.password = password;
        this.mysqlServer = mysqlServer;
        this.mysqlName = mysqlName;
        this.query = query;
    }

    public static boolean mysqlConfigured() {
        String url = System.getenv("SPRING_DATASOURCE_URL");
        return url != null && url.startsWith("jdbc:mysql:");
    }

    public static TestDatabase fresh(Path dir, String name) {
        return mysqlConfigured() ? freshOn(System.getenv("SPRING_DATASOURCE_URL"), dir, name) : h2(dir, name);
    }

    /**
     * A fresh database on another MySQL server (e.g. a {@link PrivateMariaDb}), with the settings of
     * SPRING_DATASOURCE_URL's query (CI's sql_mode).
     */
    public static TestDatabase freshOnServer(String serverUrl, Path dir, String name) {
        String base = System.getenv("SPRING_DATASOURCE_URL");
        int query = base.indexOf('?');
        return freshOn(serverUrl + "/arrears" + (query < 0 ? "" : base.substring(query)), dir, name);
    }

    private static TestDatabase h2(Path dir, String name) {
        return new TestDatabase("jdbc:h2:file:" + dir.resolve(name).toAbsolutePath()
                + ";MODE=MySQL;DATABASE_TO_LOWER=TRUE;CASE_INSENSITIVE_IDENTIFIERS=TRUE;DB_CLOSE_ON_EXIT=FALSE;USER=sa;PASSWORD=",
                null, null, null, null, "");
    }

    private static TestDatabase freshOn(String base, Path dir, String name) {
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
        String settings = query < 0 ? "" : base.substring(query);
        return new TestDatabase(server + "/" + db + settings, user, password, server, db, settings);
    }

    public String url() {
        return url;
    }

    /** The same database through another address (e.g. a proxy port), MySQL only. */
    public String urlVia(int port) {
        return "jdbc:mysql://127.0.0.1:" + port + "/" + mysqlName + query;
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
        // H2's URL carries its own USER and PASSWORD: giving them again is "Duplicate property USER"
        SingleConnectionDataSource ds = user == null ? new SingleConnectionDataSource(url, true)
                : new SingleConnectionDataSource(url, user, password == null ? "" : password, true);
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
