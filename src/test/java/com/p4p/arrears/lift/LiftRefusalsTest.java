package com.p4p.arrears.lift;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.batch.core.BatchStatus;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

import com.p4p.arrears.ops.LiftParameters;
import com.p4p.arrears.ops.LiftRunner;
import com.p4p.arrears.ops.NightlyRunner;
import com.p4p.arrears.ops.RunLock;
import com.p4p.arrears.ops.RunParameters;
import com.p4p.arrears.ops.RunRefusedException;
import com.p4p.arrears.support.PipelineTest;

/**
 * The lifts SPEC 13 refuses (exit 3: the command line maps {@link RunRefusedException} to it), each
 * leaving the ledger, the accounts' state, the lifts' records and the job repository as they were;
 * and a refused file (bad trailer), which fails (exit 1) posting nothing and is resumed once corrected.
 */
@PipelineTest
class LiftRefusalsTest {

    static final LocalDate D1 = IntradayLiftScenarioTest.D1;
    static final LocalDate D2 = IntradayLiftScenarioTest.D2;

    @Autowired
    NightlyRunner nights;
    @Autowired
    LiftRunner lifts;
    @Autowired
    RunLock runLock;
    @Autowired
    JdbcTemplate jdbc;
    @TempDir
    Path in;
    @TempDir
    Path out;

    @Test
    void noLiftBeforeTheFirstNight() {
        Path file = IntradayLiftScenarioTest.writeLift(in);
        List<Long> before = snapshot();
        assertThatThrownBy(() -> lifts.lift(LiftParameters.of(file, out, null))).isInstanceOf(RunRefusedException.class)
                .hasMessageContaining("no night has completed");
        assertThat(snapshot()).isEqualTo(before);
    }

    @Test
    void aFileOfAnotherDateThanTheOpenOneIsRefused() throws Exception {
        IntradayLiftScenarioTest.writeNights(in);
        night(D1);
        List<Long> before = snapshot();
        for (LocalDate wrong : List.of(D1, D2.plusDays(1))) {
            Path file = LiftFiles.write(in, wrong, "090000", "P_A,A1,PAYMENT,600.00,USD,ALIPAY," + wrong + ",");
            assertThatThrownBy(() -> lifts.lift(LiftParameters.of(file, out, null)))
                    .isInstanceOf(RunRefusedException.class).hasMessageContaining("the open business date is " + D2);
        }
        assertThat(snapshot()).isEqualTo(before);
        assertThat(enforced("A1")).isEqualTo("CLOSED");
    }

    @Test
    void theSameFileTwiceIsRefusedTheSecondTime() throws Exception {
        IntradayLiftScenarioTest.writeNights(in);
        night(D1);
        Path file = IntradayLiftScenarioTest.writeLift(in);
        assertThat(lifts.lift(LiftParameters.of(file, out, null)).getStatus()).isEqualTo(BatchStatus.COMPLETED);
        Path actions = out.resolve("20261102/intraday/101500/enforcement_actions.csv");
        String written = Files.readString(actions);
        List<Long> before = snapshot();
        assertThatThrownBy(() -> lifts.lift(LiftParameters.of(file, out, null))).isInstanceOf(RunRefusedException.class)
                .hasMessageContaining("already lifted");
        assertThat(snapshot()).isEqualTo(before);
        assertThat(Files.readString(actions)).isEqualTo(written);
    }

    @Test
    void noLiftWhileANightRunsAndNoNightWhileALiftRuns() throws Exception {
        IntradayLiftScenarioTest.writeNights(in);
        night(D1);
        Path file = IntradayLiftScenarioTest.writeLift(in);
        List<Long> before = snapshot();
        // the one-at-a-time lock, as the running night (or lift) of another process holds it
        try (RunLock.Held other = runLock.tryAcquire()) {
            assertThat(other).isNotNull();
            assertThatThrownBy(() -> lifts.lift(LiftParameters.of(file, out, null)))
                    .isInstanceOf(RunRefusedException.class).hasMessageContaining("a night or another lift is running");
            assertThatThrownBy(() -> nights.run(new RunParameters(D2, in, out, null)))
                    .isInstanceOf(RunRefusedException.class).hasMessageContaining("a night or a lift is running");
        }
        assertThat(snapshot()).isEqualTo(before);
        assertThat(lifts.lift(LiftParameters.of(file, out, null)).getStatus()).isEqualTo(BatchStatus.COMPLETED);
    }

    @Test
    void aFileWithABadTrailerPostsNothingAndIsResumedOnceCorrected() throws Exception {
        IntradayLiftScenarioTest.writeNights(in);
        night(D1);
        Path file = IntradayLiftScenarioTest.writeLift(in);
        String good = Files.readString(file);
        Files.writeString(file, good.replace("TRAILER,7,1661.00", "TRAILER,7,1661.01"));
        List<Long> before = snapshot();
        assertThat(lifts.lift(LiftParameters.of(file, out, null)).getStatus()).isEqualTo(BatchStatus.FAILED);
        assertThat(ledgerEntries()).isEqualTo(before.get(0));
        assertThat(enforced("A1")).isEqualTo("CLOSED");
        assertThat(out.resolve("20261102/intraday/101500")).doesNotExist();

        Files.writeString(file, good);
        assertThat(lifts.lift(LiftParameters.of(file, out, null)).getStatus()).isEqualTo(BatchStatus.COMPLETED);
        assertThat(enforced("A1")).isEqualTo("CURRENT");
        assertThat(lifts.lifts(D2)).extracting(LiftRunner.Lift::fileTime, LiftRunner.Lift::status)
                .containsExactly(org.assertj.core.api.Assertions.tuple("101500", BatchStatus.COMPLETED));
    }

    private void night(LocalDate date) throws Exception {
        assertThat(nights.run(new RunParameters(date, in, out, null)).getStatus()).isEqualTo(BatchStatus.COMPLETED);
    }

    private long ledgerEntries() {
        return jdbc.queryForObject("SELECT COUNT(*) FROM ledger_entry", Long.class);
    }

    private String enforced(String account) {
        return jdbc.queryForObject("SELECT enforced_stage FROM account_state WHERE account_id = ?", String.class, account);
    }

    /** What a refused lift must leave as it was. */
    private List<Long> snapshot() {
        return List.of(ledgerEntries(),
                jdbc.queryForObject("SELECT COUNT(*) FROM suspense_item", Long.class),
                jdbc.queryForObject("SELECT COUNT(*) FROM recon_break", Long.class),
                jdbc.queryForObject("SELECT COUNT(*) FROM intraday_file", Long.class),
                jdbc.queryForObject("SELECT COUNT(*) FROM intraday_action", Long.class),
                jdbc.queryForObject("SELECT COUNT(*) FROM account_state WHERE enforced_stage <> 'CURRENT'", Long.class),
                jdbc.queryForObject("SELECT COUNT(*) FROM BATCH_JOB_EXECUTION", Long.class));
    }
}
