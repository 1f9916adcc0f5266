package com.p4p.arrears.support;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A MariaDB server of the test's own, in a temporary folder on a free port, started with settings the
 * shared server must keep (e.g. {@code --local-infile=0}, as stock MySQL 8 ships), so no global setting
 * of the shared server changes under the other tests and engineers using it. Null from {@link #start}
 * where this machine has no MariaDB installed.
 */
public final class PrivateMariaDb implements AutoCloseable {

    private static final Path SERVER = Path.of("/usr/sbin/mariadbd");
    private static final Path INSTALL = Path.of("/usr/bin/mariadb-install-db");

    private final Process process;
    private final int port;

    private PrivateMariaDb(Process process, int port) {
        this.process = process;
        this.port = port;
    }

    public static boolean available() {
        return Files.isExecutable(SERVER) && Files.isExecutable(INSTALL);
    }

    /** Starts a fresh server in {@code dir} with these extra options, and waits until it takes connections. */
    public static PrivateMariaDb start(Path dir, String... options) throws IOException, InterruptedException {
        Path data = dir.resolve("data");
        Process install = new ProcessBuilder(INSTALL.toString(), "--no-defaults", "--datadir=" + data, "--user=root",
                "--auth-root-authentication-method=normal", "--skip-test-db")
                .redirectErrorStream(true).redirectOutput(dir.resolve("install.log").toFile()).start();
        if (!install.waitFor(2, TimeUnit.MINUTES) || install.exitValue() != 0) {
            throw new IllegalStateException("mariadb-install-db failed: " + Files.readString(dir.resolve("install.log")));
        }
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        List<String> command = new ArrayList<>(List.of(SERVER.toString(), "--no-defaults", "--datadir=" + data,
                "--user=root", "--port=" + port, "--bind-address=127.0.0.1", "--socket=" + dir.resolve("sock"),
                "--pid-file=" + dir.resolve("pid"), "--skip-log-bin", "--innodb-buffer-pool-size=64M",
                "--character-set-server=utf8mb4", "--collation-server=utf8mb4_bin"));
        command.addAll(List.of(options));
        Process server = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(dir.resolve("server.log").toFile()).start();
        PrivateMariaDb db = new PrivateMariaDb(server, port);
        long deadline = System.nanoTime() + Duration.ofMinutes(1).toNanos();
        while (true) {
            try (Connection c = DriverManager.getConnection(db.serverUrl() + "/", "root", "")) {
                return db;
            } catch (SQLException e) {
                if (!server.isAlive() || System.nanoTime() > deadline) {
                    db.close();
                    throw new IllegalStateException("the private MariaDB did not start: "
                            + Files.readString(dir.resolve("server.log")), e);
                }
                Thread.sleep(200);
            }
        }
    }

    /** {@code jdbc:mysql://127.0.0.1:PORT}, without a database. */
    public String serverUrl() {
        return "jdbc:mysql://127.0.0.1:" + port;
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy(); // SIGTERM: a clean shutdown
        if (!process.waitFor(1, TimeUnit.MINUTES)) {
            process.destroyForcibly();
        }
    }
}
