package com.p4p.arrears.db;

import java.io.ByteArrayInputStream;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;
import java.util.WeakHashMap;

import javax.sql.DataSource;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import com.mysql.cj.conf.PropertyKey;
import com.mysql.cj.jdbc.JdbcConnection;
import com.mysql.cj.jdbc.JdbcStatement;

/**
 * How {@link BulkLoad} writes its rows on a database: with {@code LOAD DATA LOCAL} where both the server
 * ({@code @@local_infile}) and the driver ({@code allowLoadLocalInfile}) take it, else as multi-row
 * INSERT statements (stock MySQL 8 ships {@code local_infile} OFF). Both give the same rows, equally
 * strictly checked; the writers that use BulkLoad do not know which one ran.
 * <p>
 * Decided once per run ({@link #decide}, before the night's first step) and kept per data source, so
 * every load of the night takes the same path; a load on a data source nobody decided for decides then.
 */
public enum BulkPath {

    LOAD_DATA_LOCAL("load-data-local"),
    BATCHED_INSERT("batched-insert");

    /** Job execution context key under which the run records {@link #label()}. */
    public static final String CONTEXT_KEY = "pipeline.bulk-path";

    private static final Log log = LogFactory.getLog("progress");
    private static final Map<DataSource, BulkPath> decided = new WeakHashMap<>();

    private final String label;

    BulkPath(String label) {
        this.label = label;
    }

    /** As recorded in the job execution context and shown by the run summary and {@code status}. */
    public String label() {
        return label;
    }

    /** The path decided for this data source, deciding (and logging) it if nobody has yet. */
    public static BulkPath of(DataSource dataSource) {
        synchronized (decided) {
            BulkPath path = decided.get(dataSource);
            return path != null ? path : decide(dataSource);
        }
    }

    /** Finds out, now, which path this data source takes, logs it once, and keeps it for {@link #of}. */
    public static BulkPath decide(DataSource dataSource) {
        Probe probe = probe(dataSource);
        synchronized (decided) {
            decided.put(dataSource, probe.path());
        }
        log.info(probe.message());
        return probe.path();
    }

    /** What was found, and the line that says so. */
    record Probe(BulkPath path, String message) {
    }

    static Probe probe(DataSource dataSource) {
        try (Connection connection = dataSource.getConnection()) {
            String product = connection.getMetaData().getDatabaseProductName();
            if (product != null && product.toLowerCase().contains("h2")) {
                return new Probe(BATCHED_INSERT, "bulk writes: batched inserts (embedded H2 has no LOAD DATA LOCAL)");
            }
            if (!connection.isWrapperFor(JdbcConnection.class)) {
                return new Probe(BATCHED_INSERT, "bulk writes: batched inserts (the JDBC driver is not MySQL Connector/J,"
                        + " whose LOAD DATA LOCAL from memory is the faster path)");
            }
            boolean server = serverAllows(connection);
            boolean driver = connection.unwrap(JdbcConnection.class).getPropertySet()
                    .getBooleanProperty(PropertyKey.allowLoadLocalInfile).getValue();
            if (!server || !driver) {
                return new Probe(BATCHED_INSERT, "bulk writes: batched inserts, because LOAD DATA LOCAL is refused by "
                        + (server ? "" : "the server (local_infile is OFF)") + (server || driver ? "" : " and ")
                        + (driver ? "" : "the driver (allowLoadLocalInfile=false in the JDBC URL)")
                        + ". For the faster path (LOAD DATA LOCAL, several times faster for large nights): "
                        + (server ? "" : "SET GLOBAL local_infile=1 on the server (local_infile=1 in its configuration)")
                        + (server || driver ? "" : ", and ")
                        + (driver ? "" : "remove allowLoadLocalInfile=false from the JDBC URL") + ".");
            }
            String refused = tryEmptyLoad(connection);
            if (refused != null) {
                return new Probe(BATCHED_INSERT, "bulk writes: batched inserts, because a LOAD DATA LOCAL was refused ("
                        + refused + ") although the server's local_infile is ON and the driver allows it");
            }
            return new Probe(LOAD_DATA_LOCAL, "bulk writes: LOAD DATA LOCAL (the server's local_infile is ON and the"
                    + " driver allows it)");
        } catch (SQLException e) {
            throw new IllegalStateException("cannot reach the database: " + e.getMessage(), e);
        }
    }

    private static boolean serverAllows(Connection connection) throws SQLException {
        try (Statement s = connection.createStatement(); ResultSet rs = s.executeQuery("SELECT @@local_infile")) {
            rs.next();
            return rs.getInt(1) == 1;
        }
    }

    /**
     * Loads nothing (zero rows into a temporary table of this connection's own) to be sure the whole
     * chain takes it; null when it did, or when no temporary table may be created here (the flags
     * decide then), else why not.
     */
    private static String tryEmptyLoad(Connection connection) {
        try (Statement s = connection.createStatement()) {
            try {
                s.execute("CREATE TEMPORARY TABLE bulk_path_probe (x INT)");
            } catch (SQLException e) {
                return null;
            }
            try {
                s.unwrap(JdbcStatement.class).setLocalInfileInputStream(new ByteArrayInputStream(new byte[0]));
                s.executeLargeUpdate("LOAD DATA LOCAL INFILE 'probe.tsv' INTO TABLE bulk_path_probe (x)");
                return null;
            } catch (SQLException e) {
                return e.getMessage();
            } finally {
                s.execute("DROP TEMPORARY TABLE IF EXISTS bulk_path_probe");
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot reach the database: " + e.getMessage(), e);
        }
    }
}
