package com.p4p.arrears.db;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.p4p.arrears.support.NightFiles;
import com.p4p.arrears.support.PipelineProcess;
import com.p4p.arrears.support.PrivateMariaDb;
import com.p4p.arrears.support.TestDatabase;

/**
 * A server that refuses LOAD DATA LOCAL (stock MySQL 8: local_infile OFF) runs the same nights to
 * byte-identical outputs, on the batched path, a night killed half-way included. The refusing server
 * is a private MariaDB started with {@code --local-infile=0} (and MySQL 8's sql_mode), so the shared
 * server's global setting never changes under anyone else's tests; the fast path runs on the server
 * SPRING_DATASOURCE_URL names. MySQL only.
 */
class BulkPathsProcessIT {

    static final String[] DATES = {"2026-11-26", "2026-11-27", "2026-11-28"};
    static final String MYSQL8_SQL_MODE = "ONLY_FULL_GROUP_BY,STRICT_TRANS_TABLES,NO_ZERO_IN_DATE,NO_ZERO_DATE,"
            + "ERROR_FOR_DIVISION_BY_ZERO,NO_ENGINE_SUBSTITUTION";

    @TempDir
    Path tmp;

    @Test
    void nightsRefusedLoadDataLocalByTheServerGiveTheFastPathsOutputs() throws Exception {
        assumeTrue(TestDatabase.mysqlConfigured(), "needs MySQL (SPRING_DATASOURCE_URL): H2 never bulk-loads");
        assumeTrue(PrivateMariaDb.available(), "needs MariaDB installed (/usr/sbin/mariadbd) for a server that"
                + " refuses LOAD DATA LOCAL");
        Path in = deliver(Files.createDirectories(tmp.resolve("in")));

        Path fast = tmp.resolve("out-fast");
        try (TestDatabase db = TestDatabase.fresh(tmp, "fastpath")) {
            boolean serverAllows = db.jdbc().queryForObject("SELECT @@global.local_infile", Integer.class) == 1;
            assumeTrue(serverAllows, "the server of SPRING_DATASOURCE_URL refuses LOAD DATA LOCAL: no fast path to compare with");
            PipelineProcess jar = new PipelineProcess(db.env(), tmp);
            for (String d : DATES) {
                PipelineProcess.Result r = jar.run("run", "--date", d, "--input", in.toString(), "--output", fast.toString());
                assertThat(r.exitCode()).as(r.output()).isZero();
                assertThat(r.output()).contains("bulk writes: LOAD DATA LOCAL").contains("bulk writes: load-data-local");
            }
        }

        Path serverDir = Files.createDirectories(tmp.resolve("refusing-server"));
        try (PrivateMariaDb refusing = PrivateMariaDb.start(serverDir, "--local-infile=0", "--sql-mode=" + MYSQL8_SQL_MODE)) {
            Path batched = tmp.resolve("out-batched");
            try (TestDatabase db = TestDatabase.freshOnServer(refusing.serverUrl(), tmp, "refused")) {
                assertThat(db.jdbc().queryForObject("SELECT @@global.local_infile", Integer.class)).isZero();
                PipelineProcess jar = new PipelineProcess(db.env(), tmp);
                PipelineProcess.Result first = jar.run("run", "--date", DATES[0], "--input", in.toString(),
                        "--output", batched.toString());
                assertThat(first.exitCode()).as(first.output()).isZero();
                assertThat(first.output()).containsOnlyOnce("bulk writes: batched inserts, because LOAD DATA LOCAL is"
                        + " refused by the server (local_infile is OFF)").contains("SET GLOBAL local_infile=1")
                        .contains("bulk writes: batched-insert");
                assertThat(jar.run("status", "--date", DATES[0]).output()).contains("bulk writes: batched-insert");

                // the second night killed in the middle of its spend, then restarted: the batched path keeps
                // the restart guarantee (the end state of a night that never failed)
                Path log = tmp.resolve("killed.log");
                Process p = jar.start(log, "run", "--date", DATES[1], "--input", in.toString(), "--output", batched.toString());
                PipelineProcess.awaitLog(log, "ingestSpendPartition:partition0: 5000 of", p, Duration.ofMinutes(3));
                p.destroyForcibly();
                assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
                PipelineProcess.Result restarted = jar.run("restart", "--date", DATES[1]);
                assertThat(restarted.exitCode()).as(restarted.output()).isZero();
                assertThat(restarted.output()).contains("bulk writes: batched-insert");

                PipelineProcess.Result third = jar.run("run", "--date", DATES[2], "--input", in.toString(),
                        "--output", batched.toString());
                assertThat(third.exitCode()).as(third.output()).isZero();
            }
            assertSameFiles(fast, batched);
        }
    }

    /** Every output file of every night, byte for byte. */
    private static void assertSameFiles(Path expected, Path actual) throws IOException {
        List<Path> files;
        try (Stream<Path> walk = Files.walk(expected)) {
            files = walk.filter(Files::isRegularFile).map(expected::relativize).sorted().toList();
        }
        assertThat(files).hasSizeGreaterThanOrEqualTo(DATES.length * 6);
        for (Path f : files) {
            assertThat(Files.mismatch(expected.resolve(f), actual.resolve(f))).as(f.toString()).isEqualTo(-1L);
        }
    }

    /**
     * Three nights that take every bulk path: spend for unknown accounts (suspense), released the next
     * night when they arrive; late, repeated and bad charges; payments, refunds and chargebacks; ids
     * delivered again on a later night (the ledger's duplicate keys); balances that disagree.
     */
    private static Path deliver(Path in) throws IOException {
        List<String> accounts = new ArrayList<>();
        for (int i = 0; i < 400; i++) {
            accounts.add("A" + i + ",S" + (i % 7) + "," + (i % 5 == 0 ? "JPY" : "USD") + ",2025-01-01," + (i % 17 == 0 ? "Y" : "N"));
        }
        new NightFiles(in, LocalDate.parse(DATES[0])).accounts(accounts.toArray(String[]::new))
                .spend(spend(12_000, DATES[0], 0))
                .payments("P1,A1,PAYMENT,500.00,USD,CARD,2026-11-26,", "P2,A2,CHARGEBACK,5.00,USD,CARD,2026-11-26,X",
                        "P3,A410,PAYMENT,7.00,USD,CARD,2026-11-26,");
        List<String> arriving = new ArrayList<>();
        for (int i = 400; i < 420; i++) {
            arriving.add("A" + i + ",S1,USD,2026-11-27,N");
        }
        new NightFiles(in, LocalDate.parse(DATES[1])).accounts(arriving.toArray(String[]::new))
                .spend(spend(12_000, DATES[1], 11_000))
                .payments("P4,A3,PAYMENT,100.00,USD,BANK_TRANSFER,2026-11-27,", "P5,A1,REFUND,20.00,USD,CARD,2026-11-27,P1");
        new NightFiles(in, LocalDate.parse(DATES[2])).accounts()
                .spend(spend(3_000, DATES[2], 30_000))
                .payments("P6,A4,PAYMENT,1.00,USD,CARD,2026-11-28,")
                .balances("A1,-10.00,USD", "A2,0.00,USD", "A5,3,JPY");
        return in;
    }

    /** Charges numbered from {@code first}: a run overlapping an earlier night's ids is delivered again. */
    private static String[] spend(int rows, String date, int first) {
        List<String> out = new ArrayList<>(rows);
        for (int k = 0; k < rows; k++) {
            int i = first + k;
            int account = (i * 7919) % 420; // 400..419 are unknown on the first night: suspense
            boolean jpy = account % 5 == 0 && account < 400;
            String chargeDate = i % 11 == 0 ? "2026-10-" + (10 + i % 19) : date;
            String amount = jpy ? Integer.toString(1 + i % 900) : (i % 400) + "." + String.format("%02d", 1 + i % 99);
            String row = "C" + i + ",A" + account + ",K" + (i % 13) + "," + chargeDate + "," + (i % 50) + "," + amount + ","
                    + (jpy ? "JPY" : "USD");
            out.add(i % 1009 == 3 ? row.replace(",K", ",K!") : row);
        }
        return out.toArray(String[]::new);
    }
}
