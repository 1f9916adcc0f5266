package com.p4p.arrears;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.LocalDate;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.batch.core.BatchStatus;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.TestPropertySource;

import com.p4p.arrears.ops.NightlyRunner;
import com.p4p.arrears.ops.RunParameters;
import com.p4p.arrears.support.NightFiles;
import com.p4p.arrears.support.Outputs;
import com.p4p.arrears.support.PipelineTest;

/**
 * Dispositions that depend on what the ledger held before a chunk, with all the rows in one chunk.
 * On MySQL posting learns of ids already posted from the unique key (rows the load skips) and looks up
 * only the rows that would not post; on H2 it looks every id up. Both must decide exactly this.
 */
@PipelineTest
@TestPropertySource(properties = {NightlyStepNames.CHUNK_SIZE + "=100",
        NightlyStepNames.CHUNK_SIZE + "." + NightlyStepNames.INGEST_SPEND + "=100",
        NightlyStepNames.CHUNK_SIZE + "." + NightlyStepNames.INGEST_PAYMENTS + "=100"})
class PostingPathsTest {

    static final LocalDate D1 = LocalDate.of(2026, 11, 26);
    static final LocalDate D2 = D1.plusDays(1);

    @Autowired
    NightlyRunner runner;
    @Autowired
    JdbcTemplate jdbc;
    @TempDir
    Path in;
    @TempDir
    Path out;

    @Test
    void idsTakenBeforeTheChunkMakeDuplicatesAndConflictsWhateverElseIsWrongWithTheRow() throws Exception {
        new NightFiles(in, D1).accounts("A1,S1,USD,2025-01-01,N", "E1,S2,EUR,2025-01-01,N")
                .spend("C1,A1,K1,2026-11-26,1,5.00,USD", "C2,A1,K1,2026-11-26,1,6.00,USD", "C3,A1,K1,2026-11-26,1,7.00,USD",
                        "C4,A1,K1,2026-11-26,1,8.00,USD", "C5,GHOST,K1,2026-11-26,1,9.00,USD")
                .payments("P1,A1,PAYMENT,100.00,USD,CARD,2026-11-26,");
        assertThat(run(D1)).isEqualTo(BatchStatus.COMPLETED);

        new NightFiles(in, D2).accounts()
                .spend("C1,A1,K1,2026-11-26,1,5.0,USD",      // posted before, identical: duplicate
                        "C1,A1,K1,2026-11-26,1,5.00,USD",     // again: duplicate of the same holder
                        "C2,A1,K1,2026-11-26,1,6.50,USD",     // posted before, different: conflict
                        "C3,NOBODY,K1,2026-11-26,1,7.00,USD", // posted before, now an unknown account: conflict
                        "C4,E1,K1,2026-11-26,1,8.00,EUR",     // posted before, now another currency: conflict
                        "C5,GHOST,K1,2026-11-26,1,9.00,USD",  // held in suspense, identical: duplicate
                        "C5,A1,K1,2026-11-26,1,9.00,USD",     // held in suspense, another account: conflict
                        "C6,A1,K1,2026-11-27,1,1.00,EUR",     // new, currency mismatch: takes no id...
                        "C6,A1,K1,2026-11-27,1,1.00,USD",     // ...so the corrected row posts
                        "C6,A1,K1,2026-11-27,1,1.00,USD",     // and its repeat is a duplicate
                        "C7,NOBODY,K1,2026-11-27,1,2.00,USD", // new, unknown account: suspended
                        "C7,A1,K1,2026-11-27,1,2.00,USD",     // then a conflict with the suspended row
                        "C8,A1,K1,2026-11-27,1,3.00,USD")     // new: posted
                .payments("P1,A1,PAYMENT,100.00,USD,CARD,2026-11-26,", "P2,A1,CHARGEBACK,100.00,USD,CARD,2026-11-27,P1",
                        "P3,A1,CHARGEBACK,1.00,USD,CARD,2026-11-27,P3");
        assertThat(run(D2)).isEqualTo(BatchStatus.COMPLETED);

        Outputs o = new Outputs(out, D2);
        assertThat(o.summary("rows", "spend")).isEqualTo("13");
        assertThat(o.summary("duplicate", "spend")).isEqualTo("4");
        assertThat(o.summary("conflict", "spend")).isEqualTo("5");
        assertThat(o.summary("currency_mismatch", "spend")).isEqualTo("1");
        assertThat(o.summary("suspended", "spend")).isEqualTo("1");
        assertThat(o.summary("posted", "spend")).isEqualTo("2");
        assertThat(o.summary("duplicate", "payments")).isEqualTo("1");
        assertThat(o.summary("posted", "payments")).isEqualTo("2");
        assertThat(o.rows("recon_breaks.csv")).extracting(r -> r.get("break_type") + ":" + r.get("reference") + ":"
                        + r.get("account_id") + ":" + r.get("expected") + ":" + r.get("actual"))
                .containsExactly("CONFLICTING_DUPLICATE:C2:A1:6.00:6.50", "CONFLICTING_DUPLICATE:C3:NOBODY:7.00:7.00",
                        "CONFLICTING_DUPLICATE:C4:E1:8.00:8.00", "CONFLICTING_DUPLICATE:C5:A1:9.00:9.00",
                        "CONFLICTING_DUPLICATE:C7:A1:2.00:2.00", "CURRENCY_MISMATCH:C6:A1::1.00",
                        "ORPHAN_CHARGEBACK:P3:A1::1.00", "UNKNOWN_ACCOUNT:C7:NOBODY::2.00");
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM ledger_entry WHERE source = 'spend'", Long.class)).isEqualTo(6);
        // 100 paid, charged back; spend 5 + 6 + 7 + 8 + 1 + 3; a chargeback of itself 1
        assertThat(o.account("A1")).containsEntry("balance", "-31.00");
    }

    /**
     * A re-delivered file: in the first chunk more ids are taken than MySQL names in its warnings (64),
     * so posting finds the skipped rows by reading back the entries; in the second fewer.
     */
    @Test
    void aReDeliveredFileIsAllDuplicatesHoweverManyInAChunk() throws Exception {
        String[] first = new String[150];
        for (int i = 0; i < first.length; i++) {
            first[i] = "C" + i + ",A1,K1,2026-11-26,1," + (i + 1) + ".00,USD";
        }
        new NightFiles(in, D1).accounts("A1,S1,USD,2025-01-01,N").spend(first).payments();
        assertThat(run(D1)).isEqualTo(BatchStatus.COMPLETED);

        String[] again = new String[170];
        System.arraycopy(first, 0, again, 0, first.length);
        for (int i = first.length; i < again.length; i++) {
            again[i] = "N" + i + ",A1,K1,2026-11-27,1,1.00,USD";
        }
        again[120] = "C120,A1,K1,2026-11-26,1,999.00,USD";
        new NightFiles(in, D2).accounts().spend(again).payments();
        assertThat(run(D2)).isEqualTo(BatchStatus.COMPLETED);

        Outputs o = new Outputs(out, D2);
        assertThat(o.summary("duplicate", "spend")).isEqualTo("149");
        assertThat(o.summary("conflict", "spend")).isEqualTo("1");
        assertThat(o.summary("posted", "spend")).isEqualTo("20");
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM ledger_entry", Long.class)).isEqualTo(170);
        assertThat(o.account("A1")).containsEntry("balance", "-11345.00"); // 150 * 151 / 2 + 20
    }

    /**
     * Ids posted by an earlier chunk of the same file (ids with '-', as MariaDB names them in its
     * duplicate-key warnings "&lt;id&gt;-spend"): on MySQL the load skips them and the rows are decided
     * again against the entries that hold them; the first occurrence's line stays the posted one.
     */
    @Test
    void idsPostedByAnEarlierChunkOfTheFileAreDuplicatesOrConflicts() throws Exception {
        String[] rows = new String[130];
        for (int i = 0; i < 100; i++) {
            rows[i] = "CHG-2026-11-26-" + i + ",A-1,K-1,2026-11-26,1," + (i + 1) + ".00,USD";
        }
        for (int i = 100; i < rows.length; i++) {
            rows[i] = "NEW-" + i + ",A-1,K-1,2026-11-26,1,1.00,USD";
        }
        rows[110] = "CHG-2026-11-26-7,A-1,K-1,2026-11-26,1,8.0,USD";    // line 112: same as line 9, duplicate
        rows[111] = "CHG-2026-11-26-8,A-1,K-1,2026-11-26,1,99.00,USD";  // line 113: differs from line 10, conflict
        rows[112] = "CHG-2026-11-26-8,A-1,K-1,2026-11-26,1,9.00,USD";   // line 114: same as line 10, duplicate
        rows[113] = "CHG-2026-11-26-9,NOBODY,K-1,2026-11-26,1,10.00,USD"; // line 115: conflict, not suspended
        new NightFiles(in, D1).accounts("A-1,S1,USD,2025-01-01,N").spend(rows).payments();
        assertThat(run(D1)).isEqualTo(BatchStatus.COMPLETED);

        Outputs o = new Outputs(out, D1);
        assertThat(o.summary("duplicate", "spend")).isEqualTo("2");
        assertThat(o.summary("conflict", "spend")).isEqualTo("2");
        assertThat(o.summary("suspended", "spend")).isEqualTo("0");
        assertThat(o.summary("posted", "spend")).isEqualTo("126");
        assertThat(o.rows("recon_breaks.csv")).extracting(r -> r.get("break_type") + ":" + r.get("reference") + ":"
                        + r.get("account_id") + ":" + r.get("expected") + ":" + r.get("actual"))
                .containsExactly("CONFLICTING_DUPLICATE:CHG-2026-11-26-8:A-1:9.00:99.00",
                        "CONFLICTING_DUPLICATE:CHG-2026-11-26-9:NOBODY:10.00:10.00");
        assertThat(jdbc.queryForList("SELECT line_number FROM ledger_entry WHERE source_id IN"
                + " ('CHG-2026-11-26-7', 'CHG-2026-11-26-8', 'CHG-2026-11-26-9') ORDER BY line_number", Long.class))
                .containsExactly(9L, 10L, 11L);
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM ledger_entry", Long.class)).isEqualTo(126);
    }

    private BatchStatus run(LocalDate date) throws Exception {
        return runner.run(new RunParameters(date, in, out, null)).getStatus();
    }
}
