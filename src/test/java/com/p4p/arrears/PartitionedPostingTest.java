package com.p4p.arrears;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

import javax.sql.DataSource;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.scope.context.StepSynchronizationManager;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;

import com.p4p.arrears.db.Databases;
import com.p4p.arrears.ledger.CloseLedgerDayTasklet;
import com.p4p.arrears.ops.RunParameters;
import com.p4p.arrears.partition.PartitionPlan;
import com.p4p.arrears.support.FaultInjector;
import com.p4p.arrears.support.NightFiles;
import com.p4p.arrears.support.PipelineOnItsOwnDatabase;

/**
 * SPEC 12 for posting: spend, payments and balances split by line range give every disposition, break, tally and
 * output of one thread. Two nights built for it: ids repeated across ranges (duplicates, conflicts
 * twice, currency mismatches repeated and then a valid row, an id suspended and then repeated, an
 * invalid row and then a valid one), chargebacks before and after their originals, multi-line quoted
 * rows and blank lines between many rows (so at range boundaries for some N), unknown accounts to
 * suspense released the next night in another currency. Run with 1, 2, 3 and 7 partitions, each on a
 * database of its own: every file byte-identical, the ledger, suspense and breaks equal.
 */
class PartitionedPostingTest {

    static final LocalDate D1 = LocalDate.of(2026, 11, 26);
    static final LocalDate D2 = D1.plusDays(1);
    /** Compared as rows without ids; the partitioned files' tallies are per chunk (their sums: recon_summary.csv). */
    static final String[] TABLES = {
        "SELECT source, source_id, account_id, entry_type, entry_date, amount, currency, campaign_id, clicks, channel,"
            + " original_payment_id, received_date, line_number, posted_date FROM ledger_entry",
        "SELECT source, source_id, account_id, entry_type, entry_date, amount, currency, line_number, status"
            + " FROM suspense_item",
        "SELECT business_date, break_type, source, reference, account_id, expected, actual, difference, currency,"
            + " resolved_date, line_number FROM recon_break",
        "SELECT business_date, source, first_line, rows_read, posted, rejected, duplicate, conflict, suspended,"
            + " currency_mismatch FROM ingest_tally WHERE source = 'accounts'"};

    @TempDir
    Path in;
    @TempDir
    Path work;

    @BeforeEach
    void nights() {
        List<String> spend = new ArrayList<>();
        for (int i = 1; i <= 70; i++) {
            String account = "A" + (i % 6 + 1);
            String date = i % 9 == 0 ? "2026-10-01" : "2026-11-26";
            // blank lines after some rows (part of the row's text here: NightFiles counts rows, not lines)
            spend.add("C" + i + "," + account + ",K1," + date + "," + i + "," + i + ".25,USD"
                    + (i % 10 == 4 ? "\n\n   " : ""));
            if (i % 10 == 7) {
                spend.add("\"M" + i + "\",A1,\"K\n" + i + "\",2026-11-26,1,1.00,USD"); // quoted over two lines: BAD_ID
                spend.add("Q" + i + ",A2,\"K" + i + "\",2026-11-26,1,2.00,USD");
            }
            switch (i) {
                case 3 -> spend.add("X1,A1,K1,2026-11-26,1,5.00,EUR");             // currency mismatch
                case 8 -> spend.add("G1,GHOST,K1,2026-11-26,1,7.00,USD");          // suspended
                case 12 -> spend.add("V1,A1,K1,not-a-date,1,1.00,USD");            // rejected, takes no id
                case 20 -> spend.add("C2,A3,K1,2026-11-26,2,99.00,USD");           // conflict with C2
                case 30 -> spend.add("X1,A1,K1,2026-11-26,1,5.00,EUR");            // mismatch again
                case 35 -> spend.add("C1,A2,K1,2026-11-26,1,1.25,USD");            // duplicate of C1
                case 41 -> spend.add("G1,GHOST,K1,2026-11-26,1,7.00,USD");         // duplicate of a suspended id
                case 47 -> spend.add("C2,A3,K1,2026-11-26,2,98.00,USD");           // conflict with C2 again
                case 52 -> spend.add("V1,A1,K1,2026-11-26,1,1.00,USD");            // posts: the invalid one took nothing
                case 58 -> spend.add("X1,A1,K1,2026-11-26,1,5.00,USD");            // posts after two mismatches
                case 63 -> spend.add("G1,GHOST,K1,2026-11-26,1,8.00,USD");         // conflict with the suspended one
                case 66 -> spend.add("C9,\"A1\"x,K1,2026-11-26,1,0.00,USD");       // malformed
                default -> { }
            }
        }
        List<String> payments = new ArrayList<>();
        for (int i = 1; i <= 40; i++) {
            payments.add("P" + i + ",A" + (i % 6 + 1) + ",PAYMENT," + (i * 3) + ".00,USD,CARD,2026-11-26,"
                    + (i % 8 == 3 ? "\n" : ""));
            switch (i) {
                case 2 -> payments.add("CB2,A1,CHARGEBACK,4.00,USD,CARD,2026-11-26,P30");  // before its original
                case 5 -> payments.add("CB3,A2,CHARGEBACK,1.00,USD,CARD,2026-11-26,OLD");  // never posted: orphan
                case 9 -> payments.add("CB4,A2,CHARGEBACK,1.00,USD,CARD,2026-11-26,CB4");  // naming itself
                case 11 -> payments.add("GP1,GHOST,PAYMENT,50.00,USD,CARD,2026-11-26,");   // suspended
                case 15 -> payments.add("R1,A2,REFUND,2.00,USD,CARD,2026-11-26,P1");
                case 18 -> payments.add("CB1,A2,CHARGEBACK,3.00,USD,CARD,2026-11-26,P1");  // after its original
                case 22 -> payments.add("P3,A4,PAYMENT,9.00,USD,CARD,2026-11-26,");        // duplicate
                case 26 -> payments.add("P4,A5,PAYMENT,1.00,USD,CARD,2026-11-26,");        // conflict
                case 28 -> payments.add("\"P\n77\",A1,PAYMENT,1.00,USD,CARD,2026-11-26,"); // two lines: BAD_ID
                case 31 -> payments.add("CB5,A1,CHARGEBACK,2.00,USD,CARD,2026-11-26,GP1"); // original suspended: orphan
                case 33 -> payments.add("GP1,GHOST,PAYMENT,50.00,USD,CARD,2026-11-26,");   // duplicate of suspended
                case 36 -> payments.add("CB6,A3,CHARGEBACK,2.00,EUR,CARD,2026-11-26,P2");  // currency mismatch
                case 37 -> payments.add("CB6,A3,CHARGEBACK,2.00,USD,CARD,2026-11-26,P2");  // then posts
                default -> { }
            }
        }
        new NightFiles(in, D1)
                .accounts("A1,S1,USD,2025-01-01,N", "A2,S2,USD,2025-01-01,N", "A3,S3,USD,2025-01-01,Y",
                        "A4,S4,USD,2025-01-01,N", "A5,S5,USD,2025-01-01,N", "A6,S6,USD,2025-01-01,N",
                        "B1,S7,EUR,2025-01-01,N")
                .spend(spend.toArray(String[]::new)).payments(payments.toArray(String[]::new))
                .balances("A1,0.00,USD", "A2,1.00,USD", "A3,1.00,EUR", "A1,0.00,USD", "GHOST,3.00,USD", "A4,0.00,USD",
                        "A2,5.00,USD", "A5,0.00,USD", "A3,2.00,USD", "GHOST,3.00,USD", "A2,6.00,USD", "A6,0.00,USD");
        // the second night: GHOST arrives in EUR (its USD items leave suspense as currency mismatches), and
        // tonight's rows repeat their ids in EUR and USD
        new NightFiles(in, D2)
                .accounts("GHOST,S9,EUR,2026-11-27,N")
                .spend("G1,GHOST,K1,2026-11-27,1,7.00,USD", "N1,A1,K1,2026-11-27,1,1.00,USD",
                        "G1,GHOST,K1,2026-11-27,1,7.00,EUR", "N2,A2,K1,2026-11-27,1,1.00,USD",
                        "C5,A1,K1,2026-11-26,5,5.25,USD", "N3,A3,K1,2026-11-27,1,1.00,USD")
                .payments("GP1,GHOST,PAYMENT,50.00,USD,CARD,2026-11-27,", "Q1,A1,PAYMENT,5.00,USD,CARD,2026-11-27,",
                        "CB7,A1,CHARGEBACK,1.00,USD,CARD,2026-11-27,P1", "Q2,A1,PAYMENT,5.00,USD,CARD,2026-11-27,");
    }

    @Test
    void oneTwoThreeAndSevenPartitionsPostExactlyWhatOneThreadPosts() throws Exception {
        Night one = runNights(1, null);
        assertThat(Files.readString(file(one.out, D1, "recon_breaks.csv"))).as("the night has every kind of break")
                .contains("CONFLICTING_DUPLICATE", "UNKNOWN_ACCOUNT", "CURRENCY_MISMATCH", "ORPHAN_CHARGEBACK");
        assertThat(Files.readString(file(one.out, D1, "recon_summary.csv")))
                .contains("duplicate,spend,2", "conflict,spend,3", "currency_mismatch,spend,2", "suspended,spend,1");
        for (int n : new int[] {2, 3, 7}) {
            Night partitioned = runNights(n, null);
            assertSameFiles(one.out, partitioned.out, "partitions=" + n);
            assertThat(partitioned.tables).as("partitions=%d: ledger, suspense, breaks", n).isEqualTo(one.tables);
        }
    }

    @Test
    void aPartitionFailingMidRangeIsRestartedAndTheNightEndsAsOneThreadsWithNothingPostedTwice() throws Exception {
        Night one = runNights(1, null);
        Night restarted = runNights(3, "ingestSpendPartition:partition1");
        assertSameFiles(one.out, restarted.out, "restarted");
        assertThat(restarted.tables).isEqualTo(one.tables);
    }

    record Night(Path out, List<List<String>> tables) {
    }

    /** Both nights with n partitions on a database of their own; a partition to fail on its 3rd chunk once, or null. */
    Night runNights(int n, String failing) throws Exception {
        Path out = work.resolve("out-" + n + (failing == null ? "" : "-failed"));
        try (PipelineOnItsOwnDatabase p = PipelineOnItsOwnDatabase.start(work, "posting" + n + (failing == null ? "" : "f"),
                FailOnePartition.class)) {
            for (LocalDate d : List.of(D1, D2)) {
                FailOnePartition.arm(d.equals(D1) ? failing : null);
                JobExecution night = p.runner().run(new RunParameters(d, in, out, null, n));
                if (failing != null && d.equals(D1)) {
                    assertThat(night.getStatus()).isEqualTo(BatchStatus.FAILED);
                    long entries = p.jdbc().queryForObject("SELECT COUNT(*) FROM ledger_entry", Long.class);
                    assertThat(entries).as("the other partitions' and the failed one's first chunks committed")
                            .isGreaterThan(6);
                    night = p.runner().restart(d);
                    assertThat(night.getStepExecutions()).extracting(StepExecution::getStepName)
                            .filteredOn(PartitionPlan::isPartition).filteredOn(s -> s.startsWith("ingestSpend"))
                            .containsExactly(failing);
                }
                assertThat(night.getStatus()).as("%s with %d partitions: %s", d, n, night.getAllFailureExceptions())
                        .isEqualTo(BatchStatus.COMPLETED);
                if (failing == null && !Databases.isH2(p.bean(DataSource.class))) {
                    StepExecution close = night.getStepExecutions().stream()
                            .filter(s -> s.getStepName().equals(NightlyStepNames.CLOSE_LEDGER_DAY)).findFirst().orElseThrow();
                    assertThat(close.getExecutionContext().getString(CloseLedgerDayTasklet.SUMMED_KEY))
                            .as("%s, %d partitions: the posting sums proven by count", d, n).isEqualTo(CloseLedgerDayTasklet.SUMMED_BY_POSTING);
                }
                if (n > 1 && failing == null) {
                    assertThat(night.getStepExecutions().stream().filter(s -> s.getStepName().startsWith("ingestSpendPartition:")
                            && s.getReadCount() > 0)).as("spend spread over the partitions").hasSizeGreaterThan(d.equals(D1) ? 1 : 0);
                }
            }
            List<List<String>> tables = new ArrayList<>();
            for (String sql : TABLES) {
                tables.add(p.jdbc().query(sql, (rs, i) -> {
                    StringBuilder row = new StringBuilder();
                    for (int c = 1; c <= rs.getMetaData().getColumnCount(); c++) {
                        row.append(rs.getString(c)).append('|');
                    }
                    return row.toString();
                }).stream().sorted().toList());
            }
            return new Night(out, tables);
        }
    }

    static void assertSameFiles(Path expected, Path actual, String what) throws IOException {
        for (LocalDate d : List.of(D1, D2)) {
            Path dir = expected.resolve(day(d));
            List<String> names;
            try (Stream<Path> files = Files.list(dir)) {
                names = files.map(f -> f.getFileName().toString()).sorted().toList();
            }
            assertThat(names).contains("recon_breaks.csv", "recon_summary.csv", "rejects.csv", "account_status.csv");
            for (String name : names) {
                assertThat(Files.mismatch(file(expected, d, name), file(actual, d, name)))
                        .as("%s: %s/%s differs from one thread's at byte", what, d, name).isEqualTo(-1L);
            }
        }
    }

    static Path file(Path out, LocalDate d, String name) {
        return out.resolve(day(d)).resolve(name);
    }

    static String day(LocalDate d) {
        return d.format(DateTimeFormatter.BASIC_ISO_DATE);
    }

    /** The production spend writer, made to fail once in one partition after its 3rd chunk's rows are written. */
    @TestConfiguration
    static class FailOnePartition {
        static volatile String partition;
        static final AtomicInteger chunks = new AtomicInteger();
        static final AtomicBoolean armed = new AtomicBoolean();

        static void arm(String partitionName) {
            partition = partitionName;
            chunks.set(0);
            armed.set(partitionName != null);
        }

        @Bean
        static FaultInjector failingSpendPartition() {
            return FaultInjector.after("spendWriter", "write", () -> {
                String step = StepSynchronizationManager.getContext().getStepExecution().getStepName();
                if (armed.get() && step.equals(partition) && chunks.incrementAndGet() == 3 && armed.getAndSet(false)) {
                    throw new IllegalStateException("injected fault in " + step + " after its 3rd chunk");
                }
            });
        }
    }
}
