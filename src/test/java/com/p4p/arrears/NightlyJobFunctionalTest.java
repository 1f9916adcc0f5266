package com.p4p.arrears;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

import com.p4p.arrears.ops.NightlyRunner;
import com.p4p.arrears.ops.RunParameters;
import com.p4p.arrears.ops.RunRefusedException;
import com.p4p.arrears.support.NightFiles;
import com.p4p.arrears.support.Outputs;
import com.p4p.arrears.support.PipelineTest;

/** The nightly job through the real steps and database, one behaviour per test (SPEC 2, 3, 4, 8, 9). */
@PipelineTest
class NightlyJobFunctionalTest {

    static final LocalDate D1 = LocalDate.of(2026, 11, 26);
    static final LocalDate D2 = D1.plusDays(1);
    static final LocalDate D3 = D1.plusDays(2);

    @Autowired
    NightlyRunner runner;
    @Autowired
    JdbcTemplate jdbc;
    @TempDir
    Path in;
    @TempDir
    Path out;

    JobExecution run(LocalDate date) throws Exception {
        return runner.run(new RunParameters(date, in, out, null));
    }

    Outputs outputs(LocalDate date) {
        return new Outputs(out, date);
    }

    long ledgerRows() {
        return jdbc.queryForObject("SELECT COUNT(*) FROM ledger_entry", Long.class);
    }

    @Test
    void everyRowHasOneDispositionAndTheSixFilesHaveTheirColumns() throws Exception {
        new NightFiles(in, D1)
                .accounts("A1,S1,USD,2025-01-01,N", "B1,S2,EUR,2025-01-01,", "A1,S1,USD,2025-01-01,N",
                        "A1,S9,USD,2025-01-01,N", "C1,S3,usd,2025-01-01,N")
                .spend("C1,A1,K1,2026-11-26,3,10.50,USD", "C1,A1,K1,2026-11-26,3,10.5,USD",
                        "C1,A1,K1,2026-11-26,3,11.00,USD", "C2,NOBODY,K1,2026-11-26,1,4.00,USD",
                        "C3,B1,K1,2026-11-26,1,4.00,USD", "C4,A1,K1,2026-11-27,1,4.00,USD", "C5,A1,K1,2026-11-26,1")
                .payments("P1,B1,PAYMENT,100.00,EUR,CARD,2026-11-26,", "P2,B1,CHARGEBACK,20.00,EUR,CARD,2026-11-26,P0");

        assertThat(run(D1).getStatus()).isEqualTo(BatchStatus.COMPLETED);
        Outputs o = outputs(D1);

        assertThat(o.header("account_status.csv")).isEqualTo("business_date,account_id,store_id,currency,balance,owed,"
                + "oldest_unpaid_date,days_past_due,stage,enforced_stage,credit_status,hold");
        assertThat(o.header("enforcement_actions.csv")).isEqualTo("business_date,account_id,store_id,action,from_stage,"
                + "to_stage,owed,currency,days_past_due");
        assertThat(o.header("credit_impact.csv")).isEqualTo("business_date,account_id,event,status_code,"
                + "previous_status_code,amount_past_due,currency,days_past_due,date_of_first_delinquency");
        assertThat(o.header("recon_breaks.csv")).isEqualTo("business_date,break_type,source,reference,account_id,"
                + "expected,actual,difference,currency,resolved_date");
        assertThat(o.header("recon_summary.csv")).isEqualTo("business_date,metric,key,value");
        assertThat(o.header("rejects.csv")).isEqualTo("business_date,source,line_number,reason,raw_line");
        assertThat(o.header("runway.csv")).isEqualTo("business_date,account_id,currency,balance,daily_spend,"
                + "days_to_zero,in_band");

        // accounts: 2 applied, an identical repeat, a conflicting repeat, a bad currency
        assertThat(o.summary("rows", "accounts")).isEqualTo("5");
        assertThat(o.summary("posted", "accounts")).isEqualTo("2");
        assertThat(o.summary("duplicate", "accounts")).isEqualTo("1");
        assertThat(o.summary("conflict", "accounts")).isEqualTo("1");
        assertThat(o.summary("rejected", "accounts")).isEqualTo("1");
        // spend: posted, identical (10.5 == 10.50), conflicting, suspended, currency mismatch, future date, malformed
        assertThat(o.summary("rows", "spend")).isEqualTo("7");
        assertThat(o.summary("posted", "spend")).isEqualTo("1");
        assertThat(o.summary("duplicate", "spend")).isEqualTo("1");
        assertThat(o.summary("conflict", "spend")).isEqualTo("1");
        assertThat(o.summary("suspended", "spend")).isEqualTo("1");
        assertThat(o.summary("currency_mismatch", "spend")).isEqualTo("1");
        assertThat(o.summary("rejected", "spend")).isEqualTo("2");
        assertThat(o.summary("control_total", "spend")).isEqualTo("44.00");
        assertThat(o.summary("posted", "payments")).isEqualTo("2");

        assertThat(o.rows("rejects.csv")).extracting(r -> r.get("source") + ":" + r.get("line_number") + ":" + r.get("reason"))
                .containsExactly("accounts:6:BAD_CURRENCY", "spend:7:FUTURE_DATE", "spend:8:MALFORMED_ROW");
        assertThat(o.rows("rejects.csv").get(2).get("raw_line")).isEqualTo("C5,A1,K1,2026-11-26,1");

        assertThat(o.rows("recon_breaks.csv")).extracting(r -> r.get("break_type") + ":" + r.get("source") + ":"
                        + r.get("reference") + ":" + r.get("expected") + ":" + r.get("actual") + ":" + r.get("difference"))
                .containsExactly("CONFLICTING_DUPLICATE:accounts:A1:::", "CONFLICTING_DUPLICATE:spend:C1:10.50:11.00:0.50",
                        "CURRENCY_MISMATCH:spend:C3::4.00:", "ORPHAN_CHARGEBACK:payments:P2::20.00:",
                        "UNKNOWN_ACCOUNT:spend:C2::4.00:");

        // balances (SPEC 4): A1 spent 10.50; B1 paid 100.00 and had 20.00 charged back
        assertThat(o.account("A1")).containsEntry("balance", "-10.50").containsEntry("owed", "10.50")
                .containsEntry("store_id", "S1").containsEntry("stage", "GRACE");
        assertThat(o.account("B1")).containsEntry("balance", "80.00").containsEntry("owed", "0.00")
                .containsEntry("hold", "N").containsEntry("oldest_unpaid_date", "").containsEntry("days_past_due", "0");
        assertThat(o.summary("credits", "EUR")).isEqualTo("80.00");
        assertThat(o.summary("closing_balance", "USD")).isEqualTo("-10.50");
        assertThat(o.summary("breaks", "BALANCE_MISMATCH")).isEqualTo("0");
    }

    @Test
    void idsAreCaseSensitive() throws Exception {
        new NightFiles(in, D1).accounts("A1,S1,USD,2025-01-01,N", "a1,S2,USD,2025-01-01,N")
                .spend("X1,A1,K1,2026-11-26,1,1.00,USD", "x1,a1,K1,2026-11-26,1,2.00,USD").payments();
        run(D1);
        assertThat(outputs(D1).rows("account_status.csv")).extracting(r -> r.get("account_id") + "=" + r.get("balance"))
                .containsExactly("A1=-1.00", "a1=-2.00"); // byte order: upper case first
        assertThat(outputs(D1).summary("posted", "spend")).isEqualTo("2");
    }

    @Test
    void aRefusedTrailerPostsNothingOfTheDateAndARestartWithTheCorrectedFileCompletes() throws Exception {
        NightFiles night = new NightFiles(in, D1).accounts("A1,S1,USD,2025-01-01,N")
                .spend("C1,A1,K1,2026-11-26,1,5.00,USD")
                .raw("payments", NightFiles.PAYMENTS + "\nP1,A1,PAYMENT,10.00,USD,CARD,2026-11-26,\nTRAILER,1,10.01\n");

        JobExecution failed = run(D1);

        assertThat(failed.getStatus()).isEqualTo(BatchStatus.FAILED);
        assertThat(failed.getAllFailureExceptions()).singleElement().extracting(Throwable::getMessage).asString()
                .contains("payments_20261126.csv").contains("10.01").contains("10.00");
        assertThat(ledgerRows()).isZero();
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM account", Long.class)).isZero();
        assertThat(Files.exists(outputs(D1).dir())).isFalse();

        night.payments("P1,A1,PAYMENT,10.00,USD,CARD,2026-11-26,");
        assertThat(runner.restart(D1).getStatus()).isEqualTo(BatchStatus.COMPLETED);
        assertThat(outputs(D1).account("A1")).containsEntry("balance", "5.00");
    }

    @Test
    void aMissingRequiredFileFailsTheRunNamingIt() throws Exception {
        new NightFiles(in, D1).accounts("A1,S1,USD,2025-01-01,N").spend();
        JobExecution failed = run(D1);
        assertThat(failed.getStatus()).isEqualTo(BatchStatus.FAILED);
        assertThat(failed.getAllFailureExceptions().get(0).getMessage()).contains("payments_20261126.csv", "missing");
    }

    @Test
    void reDeliveredRowsNeverPostTwice() throws Exception {
        new NightFiles(in, D1).accounts("A1,S1,USD,2025-01-01,N")
                .spend("C1,A1,K1,2026-11-26,1,5.00,USD", "C2,A1,K1,2026-11-26,1,7.00,USD")
                .payments("P1,A1,PAYMENT,20.00,USD,CARD,2026-11-26,");
        run(D1);
        new NightFiles(in, D2).accounts()
                .spend("C1,A1,K1,2026-11-26,1,5.00,USD", "C2,A1,K1,2026-11-26,1,7.50,USD", "C3,A1,K1,2026-11-27,1,1.00,USD")
                .payments("P1,A1,PAYMENT,20.00,USD,CARD,2026-11-26,");
        run(D2);

        Outputs o = outputs(D2);
        assertThat(ledgerRows()).isEqualTo(4);
        assertThat(o.summary("duplicate", "spend")).isEqualTo("1");
        assertThat(o.summary("conflict", "spend")).isEqualTo("1");
        assertThat(o.summary("posted", "spend")).isEqualTo("1");
        assertThat(o.summary("duplicate", "payments")).isEqualTo("1");
        assertThat(o.account("A1")).containsEntry("balance", "7.00"); // 20 - 5 - 7 - 1
        assertThat(o.rows("recon_breaks.csv")).singleElement()
                .satisfies(b -> assertThat(b).containsEntry("break_type", "CONFLICTING_DUPLICATE")
                        .containsEntry("expected", "7.00").containsEntry("actual", "7.50").containsEntry("difference", "0.50"));
    }

    @Test
    void suspenseIsReleasedWhenTheAccountArrivesAndItsBreakIsReportedResolved() throws Exception {
        new NightFiles(in, D1).accounts("A1,S1,USD,2025-01-01,N")
                .spend("C1,NEW,K1,2026-11-25,1,30.00,USD", "C2,LATE,K1,2026-11-26,1,9.00,EUR").payments();
        run(D1);
        assertThat(outputs(D1).summary("suspended", "spend")).isEqualTo("2");
        assertThat(outputs(D1).rows("account_status.csv")).extracting(r -> r.get("account_id")).containsExactly("A1");

        new NightFiles(in, D2).accounts("NEW,S7,USD,2026-11-27,N").spend().payments();
        run(D2);
        Outputs o = outputs(D2);
        assertThat(o.summary("unsuspended", "spend")).isEqualTo("1");
        assertThat(o.summary("rows", "spend")).isEqualTo("0");
        assertThat(o.account("NEW")).containsEntry("balance", "-30.00").containsEntry("oldest_unpaid_date", "2026-11-25")
                .containsEntry("days_past_due", "2");
        assertThat(o.rows("recon_breaks.csv")).singleElement()
                .satisfies(b -> assertThat(b).containsEntry("break_type", "UNKNOWN_ACCOUNT").containsEntry("reference", "C1")
                        .containsEntry("resolved_date", "2026-11-27").containsEntry("business_date", "2026-11-27"));
        assertThat(o.summary("breaks", "UNKNOWN_ACCOUNT")).isEqualTo("0"); // resolutions are not new breaks

        // LATE arrives in USD: its EUR charge becomes a currency mismatch, and frees its id
        new NightFiles(in, D3).accounts("LATE,S8,USD,2026-11-28,N").spend().payments();
        run(D3);
        assertThat(outputs(D3).rows("recon_breaks.csv")).extracting(b -> b.get("break_type") + ":" + b.get("resolved_date"))
                .containsExactly("CURRENCY_MISMATCH:", "UNKNOWN_ACCOUNT:2026-11-28");
        assertThat(outputs(D3).account("LATE")).containsEntry("balance", "0.00");
    }

    @Test
    void balancesOverSeveralDaysAddUpByHand() throws Exception {
        new NightFiles(in, D1).accounts("A1,S1,USD,2025-01-01,N", "J1,S2,JPY,2025-01-01,N")
                .spend("C1,A1,K1,2026-11-20,1,100.00,USD", "C2,J1,K1,2026-11-26,2,5000,JPY")
                .payments("P1,A1,PAYMENT,30.00,USD,ALIPAY,2026-11-26,");
        run(D1);
        new NightFiles(in, D2).accounts()
                .spend("C3,A1,K1,2026-11-27,1,20.00,USD")
                .payments("P2,A1,PAYMENT,50.00,USD,CARD,2026-11-27,", "P3,A1,REFUND,5.00,USD,CARD,2026-11-27,P2",
                        "P4,J1,PAYMENT,6000,JPY,OFFLINE,2026-11-27,");
        run(D2);
        new NightFiles(in, D3).accounts()
                .spend()
                .payments("P5,A1,CHARGEBACK,50.00,USD,CARD,2026-11-28,P2");
        run(D3);

        // A1: -100 + 30 (D1) = -70; -20 + 50 - 5 (D2) = -45; -50 (D3) = -95
        assertThat(outputs(D1).account("A1")).containsEntry("balance", "-70.00").containsEntry("days_past_due", "6");
        assertThat(outputs(D2).account("A1")).containsEntry("balance", "-45.00")
                .containsEntry("oldest_unpaid_date", "2026-11-20"); // 45 > the 20.00 charged on the 27th
        assertThat(outputs(D3).account("A1")).containsEntry("balance", "-95.00").containsEntry("owed", "95.00");
        // J1: -5000 then +6000 = 1000 JPY, no minor digits
        assertThat(outputs(D2).account("J1")).containsEntry("balance", "1000").containsEntry("owed", "0");
        assertThat(outputs(D2).summary("opening_balance", "USD")).isEqualTo("-70.00");
        assertThat(outputs(D2).summary("credits", "USD")).isEqualTo("45.00");
        assertThat(outputs(D2).summary("debits", "USD")).isEqualTo("20.00");
        assertThat(outputs(D2).summary("closing_balance", "USD")).isEqualTo("-45.00");
        assertThat(outputs(D3).summary("credits", "USD")).isEqualTo("-50.00");
        assertThat(outputs(D3).summary("opening_balance", "JPY")).isEqualTo("1000");
        assertThat(outputs(D3).rows("recon_breaks.csv")).isEmpty(); // P2 was posted: not an orphan
    }

    @Test
    void theBalancesFileIsComparedWithTheLedgerAfterTheDaysPostings() throws Exception {
        new NightFiles(in, D1).accounts("A1,S1,USD,2025-01-01,N", "A2,S2,USD,2025-01-01,N", "A3,S3,EUR,2025-01-01,N")
                .spend("C1,A1,K1,2026-11-26,1,10.00,USD").payments("P1,A2,PAYMENT,5.00,USD,CARD,2026-11-26,")
                .balances("A1,-10.00,USD", "A2,4.00,USD", "ZZ,1.00,USD", "A1,-10.00,USD", "A3,0.00,USD");
        run(D1);
        Outputs o = outputs(D1);
        assertThat(o.rows("recon_breaks.csv")).extracting(b -> b.get("break_type") + ":" + b.get("reference") + ":"
                        + b.get("expected") + ":" + b.get("actual") + ":" + b.get("difference"))
                .containsExactly("BALANCE_MISMATCH:A2:5.00:4.00:-1.00", "CURRENCY_MISMATCH:A3::0.00:",
                        "MISSING_IN_SNAPSHOT:A3:0.00::", "UNKNOWN_ACCOUNT:ZZ::1.00:");
        assertThat(o.summary("rows", "balances")).isEqualTo("5");
        assertThat(o.summary("posted", "balances")).isEqualTo("3");
        assertThat(o.summary("duplicate", "balances")).isEqualTo("1");
        assertThat(o.summary("currency_mismatch", "balances")).isEqualTo("1");
        assertThat(o.summary("control_total", "balances")).isEqualTo("-15.00");
    }

    @Test
    void datesRunInOrderAndACompleteDateIsRefused() throws Exception {
        for (LocalDate d : List.of(D1, D2, D3)) {
            new NightFiles(in, d).accounts().spend().payments();
        }
        run(D1);
        assertThatThrownBy(() -> run(D1)).isInstanceOf(RunRefusedException.class).hasMessageContaining("complete");
        assertThatThrownBy(() -> run(D3)).isInstanceOf(RunRefusedException.class).hasMessageContaining("out of order");
        assertThat(run(D2).getStatus()).isEqualTo(BatchStatus.COMPLETED);
        assertThat(runner.nights()).hasSize(2);
        Map<String, String> empty = Map.of();
        assertThat(outputs(D2).rows("account_status.csv")).isEmpty();
        assertThat(empty).isEmpty();
    }
}
