package com.p4p.arrears.ops;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.concurrent.Semaphore;

import javax.sql.DataSource;

import org.springframework.stereotype.Component;

import com.p4p.arrears.db.Databases;

/**
 * The lock a process holds while it runs a night, so that two processes never run at once and a
 * run left STARTED by a killed process can be told from one that is alive.
 * <p>
 * On MySQL it is a named lock (GET_LOCK) on a connection held for the whole run: the server
 * releases it the moment that connection dies, so a killed process or a lost network frees it
 * by itself. The embedded H2 database is opened by one process only (its file is locked), so
 * there an in-process lock is enough.
 */
@Component
public class RunLock {

    private static final Semaphore IN_PROCESS = new Semaphore(1);

    private final DataSource dataSource;
    private final boolean h2;
    /** The server connection holding the lock, while this process holds it (MySQL). */
    private volatile Long heldOn;

    public RunLock(DataSource dataSource) {
        this.dataSource = dataSource;
        this.h2 = Databases.isH2(dataSource);
    }

    /** The held lock; close it to release. */
    public interface Held extends AutoCloseable {
        @Override
        void close();
    }

    /** Takes the lock without waiting, or returns null when another run holds it. */
    public Held tryAcquire() {
        if (h2) {
            if (!IN_PROCESS.tryAcquire()) {
                return null;
            }
            return IN_PROCESS::release;
        }
        try {
            Connection connection = dataSource.getConnection();
            try (PreparedStatement s = connection.prepareStatement(
                    "SELECT GET_LOCK(CONCAT('p4p_arrears_run:', DATABASE()), 0), CONNECTION_ID()");
                 ResultSet rs = s.executeQuery()) {
                if (rs.next() && rs.getInt(1) == 1) {
                    long id = rs.getLong(2);
                    heldOn = id;
                    return () -> {
                        heldOn = null;
                        release(connection);
                    };
                }
            }
            connection.close();
            return null;
        } catch (SQLException e) {
            throw new IllegalStateException("cannot take the run lock: " + e.getMessage(), e);
        }
    }

    /** Whether some process is running a night now. */
    public boolean isHeldElsewhere() {
        Held held = tryAcquire();
        if (held == null) {
            return true;
        }
        held.close();
        return false;
    }

    /**
     * The server connection id on which this process holds the lock, or null (not held here, or H2).
     * A night's manager records it, so a worker can tell the live manager of that night from a later
     * process (a restart) holding the lock.
     */
    public Long heldOnConnection() {
        return heldOn;
    }

    /**
     * The server connection id of whichever process holds the lock now, or null when nobody does;
     * read without taking the lock (a worker asks, and must never make a manager's launch fail).
     * MySQL only.
     */
    public Long holderConnection() {
        if (h2) {
            throw new IllegalStateException("the embedded H2 database has no shared run lock");
        }
        try (Connection connection = dataSource.getConnection();
             PreparedStatement s = connection.prepareStatement(
                     "SELECT IS_USED_LOCK(CONCAT('p4p_arrears_run:', DATABASE()))");
             ResultSet rs = s.executeQuery()) {
            return rs.next() ? (Long) rs.getObject(1, Long.class) : null;
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read the run lock: " + e.getMessage(), e);
        }
    }

    private static void release(Connection connection) {
        try (connection; PreparedStatement s = connection.prepareStatement(
                "SELECT RELEASE_LOCK(CONCAT('p4p_arrears_run:', DATABASE()))")) {
            s.executeQuery().close();
        } catch (SQLException e) {
            // the connection is going away: the server releases the lock with it
        }
    }
}
