package com.p4p.arrears;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.beans.factory.annotation.Autowired;

import com.p4p.arrears.ops.NightlyRunner;
import com.p4p.arrears.ops.RunParameters;
import com.p4p.arrears.support.NightFiles;
import com.p4p.arrears.support.Outputs;
import com.p4p.arrears.support.PipelineTest;

/**
 * Arrears scenarios over several nights through the real job and database, checked line by line in
 * account_status.csv, enforcement_actions.csv and credit_impact.csv (SPEC 5 to 8, default policy).
 * Every expected line is worked out from the SPEC in the comment next to it.
 *
 * <p>Columns, for reading the expectations:
 * account_status: business_date, account_id, store_id, currency, balance, owed, oldest_unpaid_date,
 * days_past_due, stage, enforced_stage, credit_status, hold;
 * enforcement_actions: business_date, account_id, store_id, action, from_stage, to_stage, owed, currency,
 * days_past_due;
 * credit_impact: business_date, account_id, event, status_code, previous_status_code, amount_past_due,
 * currency, days_past_due, date_of_first_delinquency.
 */
@PipelineTest
class ArrearsScenariosTest {

    static final LocalDate D0 = LocalDate.of(2026, 3, 1);

    @Autowired
    NightlyRunner runner;
    @TempDir
    Path in;
    @TempDir
    Path out;

    /** Night n of the scenario (n = 0 is D0). */
    static LocalDate night(int n) {
        return D0.plusDays(n);
    }

    NightFiles files(int n) {
        return new NightFiles(in, night(n));
    }

    /** Runs night n, which must complete. */
    void run(int n) throws Exception {
        JobExecution e = runner.run(new RunParameters(night(n), in, out, null));
        assertThat(e.getStatus()).as(night(n) + " " + e.getAllFailureExceptions()).isEqualTo(BatchStatus.COMPLETED);
    }

    /** Night n with no activity: empty files. */
    void quiet(int n) throws Exception {
        files(n).accounts().spend().payments();
        run(n);
    }

    /** The data lines of an output file of night n, header excluded. */
    List<String> lines(int n, String file) {
        List<String> all = new Outputs(out, night(n)).lines(file);
        return all.subList(1, all.size());
    }

    List<String> status(int n) {
        return lines(n, "account_status.csv");
    }

    List<String> actions(int n) {
        return lines(n, "enforcement_actions.csv");
    }

    List<String> credit(int n) {
        return lines(n, "credit_impact.csv");
    }

    @Test
    void anAccountWalksUpEveryStageDayByDayStaysClosedOnAPartialPaymentAndIsCuredByPayingInFull() throws Exception {
        files(0).accounts("W1,SW1,USD,2025-06-01,N").spend("W-C1,W1,K1,2026-03-01,30,300.00,USD").payments();
        run(0);
        files(1).accounts().spend("W-C2,W1,K1,2026-03-02,30,300.00,USD").payments();
        run(1);
        for (int n = 2; n <= 30; n++) {
            quiet(n);
        }

        // Night 0: 300.00 spent today, nothing paid: owed 300.00 since today, 0 days: GRACE (min 0 days).
        assertThat(status(0)).containsExactly("2026-03-01,W1,SW1,USD,-300.00,300.00,2026-03-01,0,GRACE,GRACE,11,N");
        // A new account starts at CURRENT: entering GRACE emits its enter action.
        assertThat(actions(0)).containsExactly("2026-03-01,W1,SW1,NOTIFY_ARREARS,CURRENT,GRACE,300.00,USD,0");
        // Night 1: another 300.00; owed 600.00 is more than the newest day's 300.00, so the oldest unpaid
        // charge is still D0's (FIFO): 1 day past due.
        assertThat(status(1)).containsExactly("2026-03-02,W1,SW1,USD,-600.00,600.00,2026-03-01,1,GRACE,GRACE,11,N");

        // Then nothing happens but time: days_past_due = night - D0, the stage follows the policy's
        // thresholds (FROZEN 3, DEMOTED 7, FLAGGED 15, CLOSED 30 with owed >= 500.00), and credit is 11
        // until 30 days (Metro 2 71 from 30 days, owed >= credit_min_owed 10.00).
        for (int n = 1; n <= 30; n++) {
            String stage = n < 3 ? "GRACE" : n < 7 ? "FROZEN" : n < 15 ? "DEMOTED" : n < 30 ? "FLAGGED" : "CLOSED";
            String credit = n < 30 ? "11" : "71";
            assertThat(status(n)).as("night " + n).containsExactly(night(n) + ",W1,SW1,USD,-600.00,600.00,2026-03-01,"
                    + n + "," + stage + "," + stage + "," + credit + ",N");
        }
        // Each stage's enter action is emitted once, on the night the stage is reached, from the stage before.
        List<String> emitted = new ArrayList<>();
        for (int n = 1; n <= 30; n++) {
            emitted.addAll(actions(n));
        }
        assertThat(emitted).containsExactly(
                "2026-03-04,W1,SW1,FREEZE_ADS,GRACE,FROZEN,600.00,USD,3",
                "2026-03-08,W1,SW1,DEMOTE_RANKING,FROZEN,DEMOTED,600.00,USD,7",
                "2026-03-16,W1,SW1,FLAG_STORE_RATING,DEMOTED,FLAGGED,600.00,USD,15",
                "2026-03-31,W1,SW1,CLOSE_STORE,FLAGGED,CLOSED,600.00,USD,30");
        // The credit status changes once: 11 -> 71 on night 30, a DELINQUENT record dated by the anchor.
        for (int n = 0; n < 30; n++) {
            assertThat(credit(n)).as("night " + n).isEmpty();
        }
        assertThat(credit(30)).containsExactly("2026-03-31,W1,DELINQUENT,71,11,600.00,USD,30,2026-03-01");

        // Night 31: 350.00 paid settles D0's 300.00 and 50.00 of D1's: owed 250.00, dating from D1 (30 days).
        // By the rules alone that is FLAGGED (under the 500.00 of CLOSED), but CLOSED is sticky until owed = 0.
        // Credit: 30 days, 250.00 owed: still 71, so no record.
        files(31).accounts().spend().payments("W-P1,W1,PAYMENT,350.00,USD,BANK_TRANSFER,2026-04-01,");
        run(31);
        assertThat(status(31)).containsExactly("2026-04-01,W1,SW1,USD,-250.00,250.00,2026-03-02,30,CLOSED,CLOSED,71,N");
        assertThat(actions(31)).isEmpty();
        assertThat(credit(31)).isEmpty();

        // Night 32: the rest is paid: CURRENT. Going down emits the leave actions of every stage above
        // CURRENT up to CLOSED, highest first (GRACE has none), all CLOSED -> CURRENT, with tonight's owed
        // and days. The credit status is back to 11: CURED, carrying the episode's date (D0), not tonight's.
        files(32).accounts().spend().payments("W-P2,W1,PAYMENT,250.00,USD,ALIPAY,2026-04-02,");
        run(32);
        assertThat(status(32)).containsExactly("2026-04-02,W1,SW1,USD,0.00,0.00,,0,CURRENT,CURRENT,11,N");
        assertThat(actions(32)).containsExactly(
                "2026-04-02,W1,SW1,REOPEN_STORE,CLOSED,CURRENT,0.00,USD,0",
                "2026-04-02,W1,SW1,CLEAR_STORE_RATING,CLOSED,CURRENT,0.00,USD,0",
                "2026-04-02,W1,SW1,RESTORE_RANKING,CLOSED,CURRENT,0.00,USD,0",
                "2026-04-02,W1,SW1,UNFREEZE_ADS,CLOSED,CURRENT,0.00,USD,0");
        assertThat(credit(32)).containsExactly("2026-04-02,W1,CURED,11,71,0.00,USD,0,2026-03-01");
    }

    @Test
    void aLateChargeJumpsSeveralStagesInOneNightEmittingEveryCrossedStagesActions() throws Exception {
        files(0).accounts("J1,SJ1,USD,2025-06-01,N", "J2,SJ2,USD,2025-06-01,N")
                .spend("J-C1,J1,K1,2026-03-01,2,20.00,USD", "J-C2,J2,K2,2026-02-26,5,50.00,USD")
                .payments("J-P1,J1,PAYMENT,100.00,USD,CARD,2026-03-01,");
        run(0);
        // J1: 100.00 paid, 20.00 spent: 80.00 in credit (not under the 50.00 low-balance mark): no action.
        // J2: 50.00 charged for 2026-02-26, unpaid: 3 days: FROZEN at once; a new account starts at CURRENT,
        //     so both GRACE's and FROZEN's enter actions, lowest first.
        assertThat(status(0)).containsExactly(
                "2026-03-01,J1,SJ1,USD,80.00,0.00,,0,CURRENT,CURRENT,11,N",
                "2026-03-01,J2,SJ2,USD,-50.00,50.00,2026-02-26,3,FROZEN,FROZEN,11,N");
        assertThat(actions(0)).containsExactly(
                "2026-03-01,J2,SJ2,NOTIFY_ARREARS,CURRENT,FROZEN,50.00,USD,3",
                "2026-03-01,J2,SJ2,FREEZE_ADS,CURRENT,FROZEN,50.00,USD,3");
        assertThat(credit(0)).isEmpty();

        // Night 1, late billing:
        // J1 is billed 150.00 for clicks of 2026-02-10: balance 80.00 - 150.00 = -70.00. FIFO: the 100.00 paid
        //    settles the oldest charges first, so 70.00 of the 02-10 charge is unpaid: 20 days past due:
        //    CURRENT -> FLAGGED in one night, every crossed stage's enter actions, lowest first.
        // J2 is billed 600.00 for 2026-01-20: owed 650.00 dating from 01-20, 41 days: CLOSED (>= 30 days and
        //    >= 500.00); from FROZEN, only the stages above it. 41 days and 650.00 >= 10.00: credit 71,
        //    DELINQUENT, its date of first delinquency the anchor (01-20).
        files(1).accounts()
                .spend("J-C3,J1,K1,2026-02-10,15,150.00,USD", "J-C4,J2,K2,2026-01-20,40,600.00,USD").payments();
        run(1);
        assertThat(status(1)).containsExactly(
                "2026-03-02,J1,SJ1,USD,-70.00,70.00,2026-02-10,20,FLAGGED,FLAGGED,11,N",
                "2026-03-02,J2,SJ2,USD,-650.00,650.00,2026-01-20,41,CLOSED,CLOSED,71,N");
        assertThat(actions(1)).containsExactly(
                "2026-03-02,J1,SJ1,NOTIFY_ARREARS,CURRENT,FLAGGED,70.00,USD,20",
                "2026-03-02,J1,SJ1,FREEZE_ADS,CURRENT,FLAGGED,70.00,USD,20",
                "2026-03-02,J1,SJ1,DEMOTE_RANKING,CURRENT,FLAGGED,70.00,USD,20",
                "2026-03-02,J1,SJ1,FLAG_STORE_RATING,CURRENT,FLAGGED,70.00,USD,20",
                "2026-03-02,J2,SJ2,DEMOTE_RANKING,FROZEN,CLOSED,650.00,USD,41",
                "2026-03-02,J2,SJ2,FLAG_STORE_RATING,FROZEN,CLOSED,650.00,USD,41",
                "2026-03-02,J2,SJ2,CLOSE_STORE,FROZEN,CLOSED,650.00,USD,41");
        assertThat(credit(1)).containsExactly("2026-03-02,J2,DELINQUENT,71,11,650.00,USD,41,2026-01-20");
    }

    @Test
    void aChargebackReopensOldChargesAtTheirOwnAge() throws Exception {
        files(0).accounts("K1,SK1,USD,2025-06-01,N", "K2,SK2,USD,2025-06-01,N", "K3,SK3,USD,2025-06-01,N")
                .spend("K-C1,K1,K1,2026-01-10,10,100.00,USD", "K-C2,K1,K1,2026-01-15,20,200.00,USD",
                        "K-C3,K1,K1,2026-03-01,4,40.00,USD",
                        "K-C4,K2,K1,2026-02-01,5,50.00,USD", "K-C5,K2,K1,2026-02-20,5,50.00,USD")
                .payments("K-P1,K1,PAYMENT,340.00,USD,CARD,2026-03-01,", "K-P3,K2,PAYMENT,100.00,USD,ALIPAY,2026-03-01,",
                        "K-P5,K3,PAYMENT,100.00,USD,CARD,2026-02-25,");
        run(0);
        // Everything spent is paid (K1, K2 at 0.00); K3 has 100.00 in credit (not under 50.00).
        assertThat(status(0)).containsExactly(
                "2026-03-01,K1,SK1,USD,0.00,0.00,,0,CURRENT,CURRENT,11,N",
                "2026-03-01,K2,SK2,USD,0.00,0.00,,0,CURRENT,CURRENT,11,N",
                "2026-03-01,K3,SK3,USD,100.00,0.00,,0,CURRENT,CURRENT,11,N");
        assertThat(actions(0)).isEmpty();

        // Night 1:
        // K1's whole payment is charged back: owed 340.00 = all its spend, so the anchor is its earliest
        //    charge (01-10), 51 days: FLAGGED (under 500.00: not CLOSED), credit 71 DELINQUENT dated 01-10.
        //    The debt is as old as the clicks, not as the chargeback.
        // K2's chargeback of 60.00 re-opens the newest charges (FIFO): 50.00 of 02-20 is not enough, so part
        //    of 02-01's too: 29 days, FLAGGED; credit stays 11 (under 30 days).
        // K3 never spent: a 30.00 refund (paid 02-27) and a 100.00 chargeback leave -30.00; with no spend the
        //    anchor is the earliest refund or chargeback date, 02-27: 3 days, FROZEN.
        files(1).accounts().spend().payments("K-P2,K1,CHARGEBACK,340.00,USD,CARD,2026-03-02,K-P1",
                "K-P4,K2,CHARGEBACK,60.00,USD,ALIPAY,2026-03-02,K-P3", "K-P6,K3,REFUND,30.00,USD,CARD,2026-02-27,K-P5",
                "K-P7,K3,CHARGEBACK,100.00,USD,CARD,2026-03-02,K-P5");
        run(1);
        assertThat(status(1)).containsExactly(
                "2026-03-02,K1,SK1,USD,-340.00,340.00,2026-01-10,51,FLAGGED,FLAGGED,71,N",
                "2026-03-02,K2,SK2,USD,-60.00,60.00,2026-02-01,29,FLAGGED,FLAGGED,11,N",
                "2026-03-02,K3,SK3,USD,-30.00,30.00,2026-02-27,3,FROZEN,FROZEN,11,N");
        assertThat(actions(1)).containsExactly(
                "2026-03-02,K1,SK1,NOTIFY_ARREARS,CURRENT,FLAGGED,340.00,USD,51",
                "2026-03-02,K1,SK1,FREEZE_ADS,CURRENT,FLAGGED,340.00,USD,51",
                "2026-03-02,K1,SK1,DEMOTE_RANKING,CURRENT,FLAGGED,340.00,USD,51",
                "2026-03-02,K1,SK1,FLAG_STORE_RATING,CURRENT,FLAGGED,340.00,USD,51",
                "2026-03-02,K2,SK2,NOTIFY_ARREARS,CURRENT,FLAGGED,60.00,USD,29",
                "2026-03-02,K2,SK2,FREEZE_ADS,CURRENT,FLAGGED,60.00,USD,29",
                "2026-03-02,K2,SK2,DEMOTE_RANKING,CURRENT,FLAGGED,60.00,USD,29",
                "2026-03-02,K2,SK2,FLAG_STORE_RATING,CURRENT,FLAGGED,60.00,USD,29",
                "2026-03-02,K3,SK3,NOTIFY_ARREARS,CURRENT,FROZEN,30.00,USD,3",
                "2026-03-02,K3,SK3,FREEZE_ADS,CURRENT,FROZEN,30.00,USD,3");
        assertThat(credit(1)).containsExactly("2026-03-02,K1,DELINQUENT,71,11,340.00,USD,51,2026-01-10");

        // Night 2, nothing posted: one day older each. K2 reaches 30 days: DELINQUENT, dated by its anchor.
        quiet(2);
        assertThat(status(2)).containsExactly(
                "2026-03-03,K1,SK1,USD,-340.00,340.00,2026-01-10,52,FLAGGED,FLAGGED,71,N",
                "2026-03-03,K2,SK2,USD,-60.00,60.00,2026-02-01,30,FLAGGED,FLAGGED,71,N",
                "2026-03-03,K3,SK3,USD,-30.00,30.00,2026-02-27,4,FROZEN,FROZEN,11,N");
        assertThat(actions(2)).isEmpty();
        assertThat(credit(2)).containsExactly("2026-03-03,K2,DELINQUENT,71,11,60.00,USD,30,2026-02-01");
    }

    @Test
    void aHoldWithholdsEnforcementAndWorseCreditAndReleasesThemWhenLifted() throws Exception {
        files(0).accounts("H1,SH1,USD,2025-06-01,N", "H2,SH2,USD,2025-06-01,Y")
                .spend("H-C1,H1,K1,2026-01-02,10,100.00,USD", "H-C2,H1,K1,2026-01-25,5,50.00,USD",
                        "H-C3,H2,K1,2026-01-30,4,40.00,USD")
                .payments();
        run(0);
        // H1: 150.00 unpaid since 01-02: 58 days: FLAGGED (under 500.00), four enter actions; credit 71
        //     (30-59 days) DELINQUENT dated 01-02.
        // H2 is new and on hold: computed FLAGGED (30 days), but the enforced target is CURRENT, so no action;
        //     it earns 71, but under a hold a status worse than the last reported (11) is not reported.
        assertThat(status(0)).containsExactly(
                "2026-03-01,H1,SH1,USD,-150.00,150.00,2026-01-02,58,FLAGGED,FLAGGED,71,N",
                "2026-03-01,H2,SH2,USD,-40.00,40.00,2026-01-30,30,FLAGGED,CURRENT,11,Y");
        assertThat(actions(0)).containsExactly(
                "2026-03-01,H1,SH1,NOTIFY_ARREARS,CURRENT,FLAGGED,150.00,USD,58",
                "2026-03-01,H1,SH1,FREEZE_ADS,CURRENT,FLAGGED,150.00,USD,58",
                "2026-03-01,H1,SH1,DEMOTE_RANKING,CURRENT,FLAGGED,150.00,USD,58",
                "2026-03-01,H1,SH1,FLAG_STORE_RATING,CURRENT,FLAGGED,150.00,USD,58");
        assertThat(credit(0)).containsExactly("2026-03-01,H1,DELINQUENT,71,11,150.00,USD,58,2026-01-02");

        // Night 1: H1 goes on hold: its target is CURRENT, so the leave actions from FLAGGED down, highest
        //     first; the computed stage is still FLAGGED and still ages (59 days, still 71: no record).
        // H2's hold is lifted: CURRENT -> FLAGGED (31 days), and the withheld 71 is now reported: DELINQUENT,
        //     dated by tonight's anchor.
        files(1).accounts("H1,SH1,USD,2025-06-01,Y", "H2,SH2,USD,2025-06-01,N").spend().payments();
        run(1);
        assertThat(status(1)).containsExactly(
                "2026-03-02,H1,SH1,USD,-150.00,150.00,2026-01-02,59,FLAGGED,CURRENT,71,Y",
                "2026-03-02,H2,SH2,USD,-40.00,40.00,2026-01-30,31,FLAGGED,FLAGGED,71,N");
        assertThat(actions(1)).containsExactly(
                "2026-03-02,H1,SH1,CLEAR_STORE_RATING,FLAGGED,CURRENT,150.00,USD,59",
                "2026-03-02,H1,SH1,RESTORE_RANKING,FLAGGED,CURRENT,150.00,USD,59",
                "2026-03-02,H1,SH1,UNFREEZE_ADS,FLAGGED,CURRENT,150.00,USD,59",
                "2026-03-02,H2,SH2,NOTIFY_ARREARS,CURRENT,FLAGGED,40.00,USD,31",
                "2026-03-02,H2,SH2,FREEZE_ADS,CURRENT,FLAGGED,40.00,USD,31",
                "2026-03-02,H2,SH2,DEMOTE_RANKING,CURRENT,FLAGGED,40.00,USD,31",
                "2026-03-02,H2,SH2,FLAG_STORE_RATING,CURRENT,FLAGGED,40.00,USD,31");
        assertThat(credit(1)).containsExactly("2026-03-02,H2,DELINQUENT,71,11,40.00,USD,31,2026-01-30");

        // Night 2: no snapshot row, so H1 keeps its hold. 60 days earns 78, worse than the reported 71:
        // withheld, 71 stands and nothing is written.
        quiet(2);
        assertThat(status(2)).containsExactly(
                "2026-03-03,H1,SH1,USD,-150.00,150.00,2026-01-02,60,FLAGGED,CURRENT,71,Y",
                "2026-03-03,H2,SH2,USD,-40.00,40.00,2026-01-30,32,FLAGGED,FLAGGED,71,N");
        assertThat(actions(2)).isEmpty();
        assertThat(credit(2)).isEmpty();

        // Night 3: H1's hold is lifted: back up to FLAGGED with every enter action, and the withheld 78 is
        // reported: WORSENED from 71, still the episode of 01-02.
        files(3).accounts("H1,SH1,USD,2025-06-01,N").spend().payments();
        run(3);
        assertThat(status(3)).containsExactly(
                "2026-03-04,H1,SH1,USD,-150.00,150.00,2026-01-02,61,FLAGGED,FLAGGED,78,N",
                "2026-03-04,H2,SH2,USD,-40.00,40.00,2026-01-30,33,FLAGGED,FLAGGED,71,N");
        assertThat(actions(3)).containsExactly(
                "2026-03-04,H1,SH1,NOTIFY_ARREARS,CURRENT,FLAGGED,150.00,USD,61",
                "2026-03-04,H1,SH1,FREEZE_ADS,CURRENT,FLAGGED,150.00,USD,61",
                "2026-03-04,H1,SH1,DEMOTE_RANKING,CURRENT,FLAGGED,150.00,USD,61",
                "2026-03-04,H1,SH1,FLAG_STORE_RATING,CURRENT,FLAGGED,150.00,USD,61");
        assertThat(credit(3)).containsExactly("2026-03-04,H1,WORSENED,78,71,150.00,USD,61,2026-01-02");

        // Night 4: on hold again, and 100.00 paid settles the 01-02 charge (FIFO): 50.00 owed since 01-25,
        // 39 days. Enforcement is lifted again (leave actions); the credit status improves to 71 and an
        // improvement is reported even under a hold: IMPROVED, carrying the episode's date (01-02), not
        // tonight's anchor.
        files(4).accounts("H1,SH1,USD,2025-06-01,Y").spend().payments("H-P1,H1,PAYMENT,100.00,USD,CARD,2026-03-05,");
        run(4);
        assertThat(status(4)).containsExactly(
                "2026-03-05,H1,SH1,USD,-50.00,50.00,2026-01-25,39,FLAGGED,CURRENT,71,Y",
                "2026-03-05,H2,SH2,USD,-40.00,40.00,2026-01-30,34,FLAGGED,FLAGGED,71,N");
        assertThat(actions(4)).containsExactly(
                "2026-03-05,H1,SH1,CLEAR_STORE_RATING,FLAGGED,CURRENT,50.00,USD,39",
                "2026-03-05,H1,SH1,RESTORE_RANKING,FLAGGED,CURRENT,50.00,USD,39",
                "2026-03-05,H1,SH1,UNFREEZE_ADS,FLAGGED,CURRENT,50.00,USD,39");
        assertThat(credit(4)).containsExactly("2026-03-05,H1,IMPROVED,71,78,50.00,USD,39,2026-01-02");
    }

    @Test
    void theLowBalanceAlertFiresOnEachEntryIntoTheBand() throws Exception {
        files(0).accounts("L1,SL1,USD,2025-06-01,N", "L3,SL3,USD,2025-06-01,N", "Y1,SY1,JPY,2025-06-01,N")
                .spend()
                .payments("L-P1,L1,PAYMENT,100.00,USD,CARD,2026-03-01,", "L-P3,L3,PAYMENT,50.00,USD,CARD,2026-03-01,",
                        "Y-P1,Y1,PAYMENT,7499,JPY,BANK_TRANSFER,2026-03-01,");
        run(0);
        // L1 100.00 and L3 exactly 50.00 are not below low_balance 50.00; Y1's 7499 JPY is below JPY's 7500
        // (no minor digits): alert, from and to the enforced stage (CURRENT), owed 0.
        assertThat(status(0)).containsExactly(
                "2026-03-01,L1,SL1,USD,100.00,0.00,,0,CURRENT,CURRENT,11,N",
                "2026-03-01,L3,SL3,USD,50.00,0.00,,0,CURRENT,CURRENT,11,N",
                "2026-03-01,Y1,SY1,JPY,7499,0,,0,CURRENT,CURRENT,11,N");
        assertThat(actions(0)).containsExactly("2026-03-01,Y1,SY1,NOTIFY_LOW_BALANCE,CURRENT,CURRENT,0,JPY,0");

        // Night 1: L1 spends 60.00 (40.00 left) and L3 0.01 (49.99 left): both enter the band. L2 is new and
        // on hold with 20.00: a never-seen account in the band is alerted too, and a hold does not suppress it.
        // Y1 stays in the band: no second alert.
        files(1).accounts("L2,SL2,USD,2026-03-02,Y")
                .spend("L-C1,L1,K1,2026-03-02,6,60.00,USD", "L-C2,L3,K1,2026-03-02,1,0.01,USD")
                .payments("L-P2,L2,PAYMENT,20.00,USD,CARD,2026-03-02,");
        run(1);
        assertThat(status(1)).containsExactly(
                "2026-03-02,L1,SL1,USD,40.00,0.00,,0,CURRENT,CURRENT,11,N",
                "2026-03-02,L2,SL2,USD,20.00,0.00,,0,CURRENT,CURRENT,11,Y",
                "2026-03-02,L3,SL3,USD,49.99,0.00,,0,CURRENT,CURRENT,11,N",
                "2026-03-02,Y1,SY1,JPY,7499,0,,0,CURRENT,CURRENT,11,N");
        assertThat(actions(1)).containsExactly(
                "2026-03-02,L1,SL1,NOTIFY_LOW_BALANCE,CURRENT,CURRENT,0.00,USD,0",
                "2026-03-02,L2,SL2,NOTIFY_LOW_BALANCE,CURRENT,CURRENT,0.00,USD,0",
                "2026-03-02,L3,SL3,NOTIFY_LOW_BALANCE,CURRENT,CURRENT,0.00,USD,0");

        // Night 2: L1 down to 30.00, still in the band: no alert.
        files(2).accounts().spend("L-C3,L1,K1,2026-03-03,1,10.00,USD").payments();
        run(2);
        assertThat(new Outputs(out, night(2)).account("L1")).containsEntry("balance", "30.00");
        assertThat(actions(2)).isEmpty();

        // Night 3: L1 spends 40.00 more: -10.00 is arrears, not the band (0 < balance < low_balance): GRACE.
        files(3).accounts().spend("L-C4,L1,K1,2026-03-04,4,40.00,USD").payments();
        run(3);
        assertThat(actions(3)).containsExactly("2026-03-04,L1,SL1,NOTIFY_ARREARS,CURRENT,GRACE,10.00,USD,0");
        quiet(4);
        quiet(5);
        // Night 6: 3 days past due: FROZEN.
        quiet(6);
        assertThat(new Outputs(out, night(6)).account("L1")).containsEntry("oldest_unpaid_date", "2026-03-04")
                .containsEntry("days_past_due", "3").containsEntry("stage", "FROZEN");
        assertThat(actions(6)).containsExactly("2026-03-07,L1,SL1,FREEZE_ADS,GRACE,FROZEN,10.00,USD,3");

        // Night 7: 50.00 paid: 40.00 in credit. The previous run saw L1 out of the band, so this is a new
        // entry: after the stage actions (FROZEN -> CURRENT, highest first; GRACE has no leave action) comes
        // the alert, from and to the new enforced stage.
        files(7).accounts().spend().payments("L-P4,L1,PAYMENT,50.00,USD,ALIPAY,2026-03-08,");
        run(7);
        assertThat(new Outputs(out, night(7)).account("L1")).containsEntry("balance", "40.00")
                .containsEntry("stage", "CURRENT");
        assertThat(actions(7)).containsExactly(
                "2026-03-08,L1,SL1,UNFREEZE_ADS,FROZEN,CURRENT,0.00,USD,0",
                "2026-03-08,L1,SL1,NOTIFY_LOW_BALANCE,CURRENT,CURRENT,0.00,USD,0");
        for (int n = 0; n <= 7; n++) {
            assertThat(credit(n)).as("night " + n).isEmpty(); // never 30 days past due
        }
    }

    @Test
    void aSecondDelinquencyIsANewEpisodeWithItsOwnDate() throws Exception {
        files(0).accounts("E1,SE1,USD,2025-06-01,N", "E2,SE2,USD,2025-06-01,N")
                .spend("E-C1,E1,K1,2026-01-30,5,50.00,USD", "E-C2,E2,K1,2026-01-30,5,50.00,USD").payments();
        run(0);
        // Both owe 50.00 since 01-30: 30 days: FLAGGED, credit 71: DELINQUENT dated 01-30.
        assertThat(status(0)).containsExactly(
                "2026-03-01,E1,SE1,USD,-50.00,50.00,2026-01-30,30,FLAGGED,FLAGGED,71,N",
                "2026-03-01,E2,SE2,USD,-50.00,50.00,2026-01-30,30,FLAGGED,FLAGGED,71,N");
        assertThat(actions(0)).containsExactly(
                "2026-03-01,E1,SE1,NOTIFY_ARREARS,CURRENT,FLAGGED,50.00,USD,30",
                "2026-03-01,E1,SE1,FREEZE_ADS,CURRENT,FLAGGED,50.00,USD,30",
                "2026-03-01,E1,SE1,DEMOTE_RANKING,CURRENT,FLAGGED,50.00,USD,30",
                "2026-03-01,E1,SE1,FLAG_STORE_RATING,CURRENT,FLAGGED,50.00,USD,30",
                "2026-03-01,E2,SE2,NOTIFY_ARREARS,CURRENT,FLAGGED,50.00,USD,30",
                "2026-03-01,E2,SE2,FREEZE_ADS,CURRENT,FLAGGED,50.00,USD,30",
                "2026-03-01,E2,SE2,DEMOTE_RANKING,CURRENT,FLAGGED,50.00,USD,30",
                "2026-03-01,E2,SE2,FLAG_STORE_RATING,CURRENT,FLAGGED,50.00,USD,30");
        assertThat(credit(0)).containsExactly(
                "2026-03-01,E1,DELINQUENT,71,11,50.00,USD,30,2026-01-30",
                "2026-03-01,E2,DELINQUENT,71,11,50.00,USD,30,2026-01-30");

        // Night 1: E1 pays in full: CURRENT, leave actions, CURED with the episode's date.
        // E2 pays 45.00: 5.00 owed is under credit_min_owed (10.00), so it earns 11: CURED although it still
        // owes; its stage stays FLAGGED (the stages have no amount condition below CLOSED): no action.
        files(1).accounts().spend().payments("E-P1,E1,PAYMENT,50.00,USD,CARD,2026-03-02,",
                "E-P2,E2,PAYMENT,45.00,USD,CARD,2026-03-02,");
        run(1);
        assertThat(status(1)).containsExactly(
                "2026-03-02,E1,SE1,USD,0.00,0.00,,0,CURRENT,CURRENT,11,N",
                "2026-03-02,E2,SE2,USD,-5.00,5.00,2026-01-30,31,FLAGGED,FLAGGED,11,N");
        assertThat(actions(1)).containsExactly(
                "2026-03-02,E1,SE1,CLEAR_STORE_RATING,FLAGGED,CURRENT,0.00,USD,0",
                "2026-03-02,E1,SE1,RESTORE_RANKING,FLAGGED,CURRENT,0.00,USD,0",
                "2026-03-02,E1,SE1,UNFREEZE_ADS,FLAGGED,CURRENT,0.00,USD,0");
        assertThat(credit(1)).containsExactly(
                "2026-03-02,E1,CURED,11,71,0.00,USD,0,2026-01-30",
                "2026-03-02,E2,CURED,11,71,5.00,USD,31,2026-01-30");

        // Night 2: E1 is billed late, 80.00 for 2026-02-01: 30 days: a new episode, DELINQUENT with its own
        // date (02-01), not the cured episode's 01-30. Enforcement goes back up from CURRENT.
        // E2 spends 20.00 today: 25.00 owed, of which 5.00 still from 01-30 (FIFO), 32 days: 71 again, a new
        // episode dated by the anchor of tonight, which is 01-30 again (the same unpaid charge).
        files(2).accounts().spend("E-C3,E1,K1,2026-02-01,8,80.00,USD", "E-C4,E2,K1,2026-03-03,2,20.00,USD").payments();
        run(2);
        assertThat(status(2)).containsExactly(
                "2026-03-03,E1,SE1,USD,-80.00,80.00,2026-02-01,30,FLAGGED,FLAGGED,71,N",
                "2026-03-03,E2,SE2,USD,-25.00,25.00,2026-01-30,32,FLAGGED,FLAGGED,71,N");
        assertThat(actions(2)).containsExactly(
                "2026-03-03,E1,SE1,NOTIFY_ARREARS,CURRENT,FLAGGED,80.00,USD,30",
                "2026-03-03,E1,SE1,FREEZE_ADS,CURRENT,FLAGGED,80.00,USD,30",
                "2026-03-03,E1,SE1,DEMOTE_RANKING,CURRENT,FLAGGED,80.00,USD,30",
                "2026-03-03,E1,SE1,FLAG_STORE_RATING,CURRENT,FLAGGED,80.00,USD,30");
        assertThat(credit(2)).containsExactly(
                "2026-03-03,E1,DELINQUENT,71,11,80.00,USD,30,2026-02-01",
                "2026-03-03,E2,DELINQUENT,71,11,25.00,USD,32,2026-01-30");
    }
}
