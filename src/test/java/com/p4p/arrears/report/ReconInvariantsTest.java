package com.p4p.arrears.report;

import static com.p4p.arrears.report.ReconSummaryBuilder.INV_ACCOUNT;
import static com.p4p.arrears.report.ReconSummaryBuilder.INV_CLASSIFIED_ACCOUNTS;
import static com.p4p.arrears.report.ReconSummaryBuilder.INV_CONTINUITY;
import static com.p4p.arrears.report.ReconSummaryBuilder.INV_DISPOSITIONS;
import static com.p4p.arrears.report.ReconSummaryBuilder.INV_LEDGER_ACCOUNTS;
import static com.p4p.arrears.report.ReconSummaryBuilder.INV_MOVEMENT;
import static com.p4p.arrears.report.ReconSummaryBuilder.INV_TRAILER;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.sql.Date;
import java.time.LocalDate;
import java.util.List;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.batch.core.BatchStatus;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

import com.p4p.arrears.ops.NightlyRunner;
import com.p4p.arrears.ops.RunParameters;
import com.p4p.arrears.policy.PolicyLoader;
import com.p4p.arrears.support.NightFiles;
import com.p4p.arrears.support.Outputs;
import com.p4p.arrears.support.PipelineTest;

/**
 * The summary's invariants against a ledger prepared by two real nights and then corrupted with SQL:
 * each corruption makes {@link ReconSummaryBuilder} refuse, naming the invariant that broke and the
 * figures that disagree (through the job, see {@link InvariantFailureThroughTheJobTest}).
 */
@PipelineTest
class ReconInvariantsTest {

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

    ReconSummaryBuilder builder;

    /** Two nights in USD and JPY (A1 ends at -8.50, A2 at 15.00, J1 at -400). */
    static void writeTwoNights(Path in) {
        new NightFiles(in, D1).accounts("A1,S1,USD,2025-01-01,N", "A2,S2,USD,2025-01-01,N", "J1,S3,JPY,2025-01-01,N")
                .spend("C1,A1,K1,2026-11-26,3,10.00,USD", "C2,A2,K1,2026-11-26,1,5.00,USD",
                        "C3,J1,K1,2026-11-26,9,500,JPY", "C4,A1,K1,2026-11-25,1,2.50,USD")
                .payments("P1,A2,PAYMENT,20.00,USD,CARD,2026-11-26,", "P2,J1,PAYMENT,100,JPY,ALIPAY,2026-11-26,");
        new NightFiles(in, D2).accounts()
                .spend("C5,A1,K1,2026-11-27,1,1.00,USD")
                .payments("P3,A1,PAYMENT,5.00,USD,CARD,2026-11-27,");
    }

    @BeforeEach
    void twoNights() throws Exception {
        writeTwoNights(in);
        assertThat(runner.run(new RunParameters(D1, in, out, null)).getStatus()).isEqualTo(BatchStatus.COMPLETED);
        assertThat(runner.run(new RunParameters(D2, in, out, null)).getStatus()).isEqualTo(BatchStatus.COMPLETED);
        builder = new ReconSummaryBuilder(jdbc, PolicyLoader.loadDefault());
    }

    @Test
    void anUntouchedLedgerHoldsEveryInvariantAndGivesTheSummaryThatWasWritten() {
        List<String> rebuilt = builder.build(D2).stream().map(r -> r.metric() + "," + r.key() + "," + r.value()).toList();
        assertThat(rebuilt).containsExactlyElementsOf(new Outputs(out, D2).rows("recon_summary.csv").stream()
                .map(r -> r.get("metric") + "," + r.get("key") + "," + r.get("value")).toList());
    }

    @Test
    void anAccountsCreditsChangedBehindTheLedgersBackBreakTheSumOfBalancesAndNameTheAccount() {
        jdbc.update("UPDATE account SET credits = credits + 5 WHERE account_id = 'A1'");

        assertThatThrownBy(() -> builder.build(D2)).isInstanceOf(IllegalStateException.class)
                .hasMessageStartingWith("reconciliation invariants broken for 2026-11-27: ")
                .hasMessageContaining(INV_LEDGER_ACCOUNTS + " fails for USD: closing 6.5000 but the accounts'"
                        + " credits - debits sum to 11.5000")
                .hasMessageContaining(INV_ACCOUNT + " fails for 1 account(s): A1 has credits - debits -3.5000 but was"
                        + " classified at -8.5000")
                .message().doesNotContain(INV_CLASSIFIED_ACCOUNTS, INV_MOVEMENT, "JPY");
    }

    @Test
    void aClassifiedBalanceThatIsNotTheLedgersBreaksTheSumOfClassifiedBalances() {
        jdbc.update("UPDATE account_state SET balance = balance - 1 WHERE account_id = 'J1'");

        assertThatThrownBy(() -> builder.build(D2)).hasMessageContaining(INV_CLASSIFIED_ACCOUNTS
                        + " fails for JPY: closing -400.0000 but the accounts' classified balances sum to -401.0000")
                .hasMessageContaining(INV_ACCOUNT + " fails for 1 account(s): J1 has credits - debits -400.0000 but"
                        + " was classified at -401.0000");
    }

    @Test
    void anAccountLeftUnclassifiedIsNamed() {
        jdbc.update("DELETE FROM account_state WHERE account_id = 'A2'");

        assertThatThrownBy(() -> builder.build(D2))
                .hasMessageContaining(INV_ACCOUNT + " fails for 1 account(s): A2 has credits - debits 15.0000 but no"
                        + " classified state");
    }

    @Test
    void aTallyWithOneDispositionTooManyBreaksTheRowIdentity() {
        jdbc.update("UPDATE ingest_tally SET posted = posted + 1 WHERE business_date = ? AND source = 'spend'",
                Date.valueOf(D2));

        assertThatThrownBy(() -> builder.build(D2)).hasMessage("reconciliation invariants broken for 2026-11-27: "
                + INV_DISPOSITIONS + " fails for spend: 1 rows read but 2 dispositions");
    }

    @Test
    void aLostChunkTallyLeavesRowsTheTrailerVouchedForUnread() {
        jdbc.update("DELETE FROM ingest_tally WHERE business_date = ? AND source = 'payments'", Date.valueOf(D2));

        assertThatThrownBy(() -> builder.build(D2)).hasMessage("reconciliation invariants broken for 2026-11-27: "
                + INV_TRAILER + " fails for payments: the trailer vouched for 1 rows but 0 were read");
    }

    @Test
    void aTamperedCurrencyDayNoLongerAddsUp() {
        jdbc.update("UPDATE currency_day SET credits = credits + 1 WHERE business_date = ? AND currency = 'USD'",
                Date.valueOf(D2));

        assertThatThrownBy(() -> builder.build(D2)).hasMessageContaining(INV_MOVEMENT
                + " fails for USD: opening 2.5000 + credits 6.0000 - debits 1.0000 is not closing 6.5000");
    }

    @Test
    void aNightThatDoesNotOpenWhereThePreviousOneClosedIsRefused() {
        jdbc.update("UPDATE currency_day SET closing_balance = closing_balance + 2 WHERE business_date = ?"
                + " AND currency = 'JPY'", Date.valueOf(D1));

        assertThatThrownBy(() -> builder.build(D2)).hasMessageContaining(INV_CONTINUITY
                + " fails for JPY: opening -400.0000 but the previous night closed at -398.0000");
    }
}
