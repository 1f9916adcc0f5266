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
                    "SELECT GET_LOCK(CONCAT('p4p_arrears_run:', DATABASE()), 0)");
                 ResultSet rs = s.executeQuery()) {
                if (rs.next() && rs.getInt(1) == 1) {
                    return () -> release(connection);
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
     * Whether any process holds the lock now (this one included), without taking it: a worker asks
     * before running a partition, and must never make a manager's launch fail by holding it.
     * Always true on H2 (one process only: no workers there).
     */
    public boolean isHeldByAnyone() {
        if (h2) {
            return true;
        }
        try (Connection connection = dataSource.getConnection();
             PreparedStatement s = connection.prepareStatement(
                     "SELECT IS_USED_LOCK(CONCAT('p4p_arrears_run:', DATABASE()))");
             ResultSet rs = s.executeQuery()) {
            return rs.next() && rs.getObject(1) != null;
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
