package com.p4p.arrears.reconcile;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.batch.core.BatchStatus;
import org.springframework.beans.factory.annotation.Autowired;

import com.p4p.arrears.ops.NightlyRunner;
import com.p4p.arrears.ops.RunParameters;
import com.p4p.arrears.support.NightFiles;
import com.p4p.arrears.support.Outputs;
import com.p4p.arrears.support.PipelineTest;

/**
 * Every break type of SPEC 3 and 8 raised through the real job, each with exactly the columns
 * SPEC 8 gives it and counted in recon_summary; and a balances file that disagrees with the ledger
 * in every way at once. Break rows are shown as
 * {@code type:source:reference:account_id:expected:actual:difference:currency:resolved_date}.
 */
@PipelineTest
class ReconciliationBreaksTest {

    static final LocalDate D1 = LocalDate.of(2026, 11, 26);
    static final LocalDate D2 = D1.plusDays(1);

    @Autowired
    NightlyRunner runner;
    @TempDir
    Path in;
    @TempDir
    Path out;

    Outputs run(LocalDate date) throws Exception {
        assertThat(runner.run(new RunParameters(date, in, out, null)).getStatus()).isEqualTo(BatchStatus.COMPLETED);
        return new Outputs(out, date);
    }

    static List<String> breaks(Outputs o) {
        return o.rows("recon_breaks.csv").stream().map(b -> String.join(":", b.get("break_type"), b.get("source"),
                b.get("reference"), b.get("account_id"), b.get("expected"), b.get("actual"), b.get("difference"),
                b.get("currency"), b.get("resolved_date"))).toList();
    }

    /** recon_summary's breaks rows, every type, as type=count. */
    static Map<String, String> breakCounts(Outputs o) {
        Map<String, String> counts = new LinkedHashMap<>();
        Arrays.stream(BreakType.values()).forEach(t -> counts.put(t.name(), o.summary("breaks", t.name())));
        return counts;
    }

    static Map<String, String> only(String... typeCounts) {
        Map<String, String> counts = new LinkedHashMap<>();
        Arrays.stream(BreakType.values()).forEach(t -> counts.put(t.name(), "0"));
        for (String tc : typeCounts) {
            counts.put(tc.split("=")[0], tc.split("=")[1]);
        }
        return counts;
    }

    @Test
    void conflictingDuplicateInEverySourceCarriesTheFirstAmountAsExpected() throws Exception {
        new NightFiles(in, D1).accounts("A1,S1,USD,2025-01-01,N", "A1,S2,USD,2025-01-01,N")
                .spend("C1,A1,K1,2026-11-26,1,10.00,USD", "C1,A1,K1,2026-11-26,1,11.25,USD")
                .payments("P1,A1,PAYMENT,20.00,USD,CARD,2026-11-26,", "P1,A1,PAYMENT,25.00,USD,CARD,2026-11-26,")
                .balances("A1,10.00,USD", "A1,9.00,USD");
        Outputs o = run(D1);

        assertThat(breaks(o)).containsExactly(
                "CONFLICTING_DUPLICATE:accounts:A1:A1::::USD:",
                "CONFLICTING_DUPLICATE:balances:A1:A1:10.00:9.00:-1.00:USD:",
                "CONFLICTING_DUPLICATE:spend:C1:A1:10.00:11.25:1.25:USD:",
                "CONFLICTING_DUPLICATE:payments:P1:A1:20.00:25.00:5.00:USD:");
        assertThat(breakCounts(o)).isEqualTo(only("CONFLICTING_DUPLICATE=4"));
        assertThat(o.account("A1")).containsEntry("balance", "10.00").containsEntry("store_id", "S1");
        for (String source : List.of("accounts", "spend", "payments", "balances")) {
            assertThat(o.summary("conflict", source)).as(source).isEqualTo("1");
        }
    }

    @Test
    void conflictingDuplicateAcrossNightsComparesWithThePostedRow() throws Exception {
        new NightFiles(in, D1).accounts("A1,S1,USD,2025-01-01,N").spend("C1,A1,K1,2026-11-26,1,10.00,USD").payments();
        run(D1);
        new NightFiles(in, D2).accounts().spend("C1,A1,K1,2026-11-26,2,10.00,USD").payments();
        Outputs o = run(D2);

        // same amount, other clicks: a conflict all the same, with a difference of zero
        assertThat(breaks(o)).containsExactly("CONFLICTING_DUPLICATE:spend:C1:A1:10.00:10.00:0.00:USD:");
        assertThat(o.account("A1")).containsEntry("balance", "-10.00");
    }

    @Test
    void unknownAccountSuspendsSpendAndPaymentsUntilTheAccountArrivesButNeverABalancesRow() throws Exception {
        new NightFiles(in, D1).accounts("A1,S1,EUR,2025-01-01,N")
                .spend("C1,NEW,K1,2026-11-26,1,4.50,USD")
                .payments("P1,NEW,PAYMENT,100.00,USD,CARD,2026-11-26,")
                .balances("A1,0.00,EUR", "NEW,95.50,USD");
        Outputs night1 = run(D1);

        assertThat(breaks(night1)).containsExactly(
                "UNKNOWN_ACCOUNT:spend:C1:NEW::4.50::USD:",
                "UNKNOWN_ACCOUNT:balances:NEW:NEW::95.50::USD:",
                "UNKNOWN_ACCOUNT:payments:P1:NEW::100.00::USD:");
        assertThat(breakCounts(night1)).isEqualTo(only("UNKNOWN_ACCOUNT=3"));
        assertThat(night1.summary("suspended", "spend")).isEqualTo("1");
        assertThat(night1.summary("suspended", "payments")).isEqualTo("1");
        assertThat(night1.summary("posted", "balances")).as("compared, never suspended").isEqualTo("2");
        assertThat(night1.summary("suspended", "balances")).isEqualTo("0");

        new NightFiles(in, D2).accounts("NEW,S2,USD,2026-11-27,N").spend().payments();
        Outputs night2 = run(D2);

        assertThat(breaks(night2)).as("the suspense breaks, resolved; the balances one never resolves").containsExactly(
                "UNKNOWN_ACCOUNT:spend:C1:NEW::4.50::USD:2026-11-27",
                "UNKNOWN_ACCOUNT:payments:P1:NEW::100.00::USD:2026-11-27");
        assertThat(breakCounts(night2)).as("resolutions are not new breaks").isEqualTo(only());
        assertThat(night2.summary("unsuspended", "spend")).isEqualTo("1");
        assertThat(night2.summary("unsuspended", "payments")).isEqualTo("1");
        assertThat(night2.account("NEW")).containsEntry("balance", "95.50");
    }

    @Test
    void currencyMismatchInEverySourceAndOnLeavingSuspense() throws Exception {
        new NightFiles(in, D1).accounts("A1,S1,USD,2025-01-01,N")
                .spend("C1,A1,K1,2026-11-26,1,3.00,EUR", "C2,LATE,K1,2026-11-26,1,700,JPY")
                .payments("P1,A1,PAYMENT,8.00,CNY,ALIPAY,2026-11-26,")
                .balances("A1,0,JPY");
        Outputs night1 = run(D1);

        assertThat(breaks(night1)).containsExactly(
                "CURRENCY_MISMATCH:balances:A1:A1::0::JPY:",
                "CURRENCY_MISMATCH:spend:C1:A1::3.00::EUR:",
                "CURRENCY_MISMATCH:payments:P1:A1::8.00::CNY:",
                "MISSING_IN_SNAPSHOT:balances:A1:A1:0.00:::USD:",
                "UNKNOWN_ACCOUNT:spend:C2:LATE::700::JPY:");
        assertThat(breakCounts(night1)).isEqualTo(only("CURRENCY_MISMATCH=3", "MISSING_IN_SNAPSHOT=1", "UNKNOWN_ACCOUNT=1"));
        for (String source : List.of("spend", "payments", "balances")) {
            assertThat(night1.summary("currency_mismatch", source)).as(source).isEqualTo("1");
        }

        new NightFiles(in, D2).accounts("LATE,S2,USD,2026-11-27,N").spend().payments();
        Outputs night2 = run(D2);
        assertThat(breaks(night2)).containsExactly(
                "CURRENCY_MISMATCH:spend:C2:LATE::700::JPY:",
                "UNKNOWN_ACCOUNT:spend:C2:LATE::700::JPY:2026-11-27");
        assertThat(breakCounts(night2)).isEqualTo(only("CURRENCY_MISMATCH=1"));
        assertThat(night2.account("LATE")).containsEntry("balance", "0.00");
    }

    @Test
    void orphanChargebackPostsWithABreakUnlessItsOriginalWasEverPosted() throws Exception {
        new NightFiles(in, D1).accounts("A1,S1,USD,2025-01-01,N", "A2,S2,USD,2025-01-01,N")
                .spend()
                .payments("P1,A2,PAYMENT,40.00,USD,CARD,2026-11-26,");
        run(D1);
        new NightFiles(in, D2).accounts().spend()
                .payments("P2,A1,CHARGEBACK,15.00,USD,CARD,2026-11-27,P404", // never posted: orphan
                        "P3,A1,CHARGEBACK,5.00,USD,CARD,2026-11-27,P1",        // posted last night, for A2: not an orphan
                        "P4,A1,CHARGEBACK,1.00,USD,CARD,2026-11-27,P4");       // itself: orphan
        Outputs o = run(D2);

        assertThat(breaks(o)).containsExactly(
                "ORPHAN_CHARGEBACK:payments:P2:A1::15.00::USD:",
                "ORPHAN_CHARGEBACK:payments:P4:A1::1.00::USD:");
        assertThat(breakCounts(o)).isEqualTo(only("ORPHAN_CHARGEBACK=2"));
        assertThat(o.summary("posted", "payments")).isEqualTo("3");
        assertThat(o.account("A1")).containsEntry("balance", "-21.00");
    }

    @Test
    void balanceMismatchIsThePlatformsBalanceAgainstTheLedgerAfterTheDaysPostings() throws Exception {
        new NightFiles(in, D1).accounts("A1,S1,USD,2025-01-01,N", "A2,S2,USD,2025-01-01,N", "J1,S3,JPY,2025-01-01,N")
                .spend("C1,A1,K1,2026-11-26,1,10.00,USD", "C2,J1,K1,2026-11-26,1,1500,JPY")
                .payments("P1,A1,PAYMENT,4.00,USD,CARD,2026-11-26,")
                .balances("A1,-6.00,USD", "A2,0.01,USD", "J1,-1400,JPY");
        Outputs o = run(D1);

        assertThat(breaks(o)).containsExactly(
                "BALANCE_MISMATCH:balances:A2:A2:0.00:0.01:0.01:USD:",
                "BALANCE_MISMATCH:balances:J1:J1:-1500:-1400:100:JPY:");
        assertThat(breakCounts(o)).isEqualTo(only("BALANCE_MISMATCH=2"));
    }

    @Test
    void missingInSnapshotIsEveryKnownAccountWithoutAValidSameCurrencyRow() throws Exception {
        new NightFiles(in, D1).accounts("A1,S1,USD,2025-01-01,N", "A2,S2,USD,2025-01-01,N", "A3,S3,USD,2025-01-01,N")
                .spend("C1,A2,K1,2026-11-26,1,2.00,USD").payments()
                .balances("A1,0.00,USD", "A2,-2.00.0,USD");
        Outputs night1 = run(D1);

        assertThat(breaks(night1)).containsExactly(
                "MISSING_IN_SNAPSHOT:balances:A2:A2:-2.00:::USD:",  // its only row was rejected
                "MISSING_IN_SNAPSHOT:balances:A3:A3:0.00:::USD:");  // not reported at all
        assertThat(breakCounts(night1)).isEqualTo(only("MISSING_IN_SNAPSHOT=2"));

        // without a balances file nothing is compared: no balance break, no balances summary rows
        new NightFiles(in, D2).accounts().spend().payments();
        Outputs night2 = run(D2);
        assertThat(breaks(night2)).isEmpty();
        assertThat(night2.rows("recon_summary.csv")).noneMatch(r -> r.get("key").equals("balances"));
    }

    @Test
    void aBalancesFileThatDisagreesInEveryWayAtOnce() throws Exception {
        new NightFiles(in, D1)
                .accounts("U1,S1,USD,2025-01-01,N", "U2,S2,USD,2025-01-01,N", "U3,S3,USD,2025-01-01,N",
                        "U4,S4,USD,2025-01-01,N", "J1,S5,JPY,2025-01-01,N", "E1,S6,EUR,2025-01-01,N")
                .spend("C1,U1,K1,2026-11-26,1,10.00,USD", "C2,U3,K1,2026-11-26,1,5.00,USD",
                        "C3,J1,K1,2026-11-26,1,1000,JPY")
                .payments("P1,U2,PAYMENT,50.00,USD,CARD,2026-11-26,", "P2,E1,PAYMENT,7.00,EUR,CARD,2026-11-26,")
                .balances(
                        "U1,-10.00,USD",   // line 2: agrees
                        "U2,49.99,USD",    // line 3: a cent short
                        "J1,-900,JPY",     // line 4: 100 yen more than the ledger
                        "E1,7.00,USD",     // line 5: the account is in EUR
                        "GHOST,3.00,USD",  // line 6: an account the ledger does not know
                        "U2,49.99,USD",    // line 7: repeated as is
                        "U1,-9.00,USD",    // line 8: repeated with another balance
                        "U3,abc,USD",      // line 9: not an amount
                        "U9,1.00,XXX",     // line 10: not a policy currency
                        "GHOST,3.00,USD"); // line 11: the unknown account repeated as is
                                           // U4: not reported
        Outputs o = run(D1);

        assertThat(breaks(o)).containsExactly(
                "BALANCE_MISMATCH:balances:J1:J1:-1000:-900:100:JPY:",
                "BALANCE_MISMATCH:balances:U2:U2:50.00:49.99:-0.01:USD:",
                "CONFLICTING_DUPLICATE:balances:U1:U1:-10.00:-9.00:1.00:USD:",
                "CURRENCY_MISMATCH:balances:E1:E1::7.00::USD:",
                "MISSING_IN_SNAPSHOT:balances:E1:E1:7.00:::EUR:",
                "MISSING_IN_SNAPSHOT:balances:U3:U3:-5.00:::USD:",
                "MISSING_IN_SNAPSHOT:balances:U4:U4:0.00:::USD:",
                "UNKNOWN_ACCOUNT:balances:GHOST:GHOST::3.00::USD:");
        assertThat(breakCounts(o)).isEqualTo(only("BALANCE_MISMATCH=2", "CONFLICTING_DUPLICATE=1",
                "CURRENCY_MISMATCH=1", "MISSING_IN_SNAPSHOT=3", "UNKNOWN_ACCOUNT=1"));
        assertThat(o.rows("rejects.csv")).extracting(r -> r.get("source") + ":" + r.get("line_number") + ":" + r.get("reason"))
                .containsExactly("balances:9:BAD_AMOUNT", "balances:10:BAD_CURRENCY");

        // every row has one disposition: 4 compared + 1 currency mismatch + 2 duplicates + 1 conflict + 2 rejected
        assertThat(o.summary("rows", "balances")).isEqualTo("10");
        assertThat(o.summary("posted", "balances")).isEqualTo("4");
        assertThat(o.summary("currency_mismatch", "balances")).isEqualTo("1");
        assertThat(o.summary("duplicate", "balances")).isEqualTo("2");
        assertThat(o.summary("conflict", "balances")).isEqualTo("1");
        assertThat(o.summary("rejected", "balances")).isEqualTo("2");
        assertThat(o.summary("suspended", "balances")).isEqualTo("0");
        assertThat(o.summary("control_total", "balances")).isEqualTo("-805.02");

        // compared, never posted: the ledger is what the day's spend and payments made it
        assertThat(o.rows("account_status.csv")).extracting(r -> r.get("account_id") + "=" + r.get("balance"))
                .containsExactly("E1=7.00", "J1=-1000", "U1=-10.00", "U2=50.00", "U3=-5.00", "U4=0.00");
        assertThat(o.summary("closing_balance", "USD")).isEqualTo("35.00");
    }
}
