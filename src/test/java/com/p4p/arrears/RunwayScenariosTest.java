package com.p4p.arrears;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
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
import com.p4p.arrears.support.ReportPage;

/**
 * The runway forecast of SPEC 10 over several nights through the real job and database, checked line by
 * line in runway.csv and enforcement_actions.csv. Every expected line is worked out by hand in the
 * comment above it: S is the spend the last window_days runs posted, days_to_zero = floor(balance x
 * window_days / S), in the band when days_to_zero &lt; horizon_days, daily_spend = S / window_days
 * half-even to the currency's digits.
 * <p>
 * runway.csv: business_date, account_id, currency, balance, daily_spend, days_to_zero, in_band;
 * enforcement_actions.csv: business_date, account_id, store_id, action, from_stage, to_stage, owed,
 * currency, days_past_due.
 */
@PipelineTest
class RunwayScenariosTest {

    static final LocalDate D0 = LocalDate.of(2026, 3, 1);
    static final String RUNWAY_HEADER = "business_date,account_id,currency,balance,daily_spend,days_to_zero,in_band";

    @Autowired
    NightlyRunner runner;
    @TempDir
    Path in;
    @TempDir
    Path out;
    @TempDir
    Path config;

    static LocalDate night(int n) {
        return D0.plusDays(n);
    }

    NightFiles files(int n) {
        return new NightFiles(in, night(n));
    }

    /** The default policy (the one shipped under jobs/) with a runway block. */
    String policy(int windowDays, int horizonDays) throws Exception {
        Path file = config.resolve("policy-" + windowDays + "-" + horizonDays + ".yaml");
        Files.writeString(file, Files.readString(Path.of("jobs/policy.yaml"))
                + "runway:\n  window_days: " + windowDays + "\n  horizon_days: " + horizonDays + "\n");
        return file.toString();
    }

    void run(int n, String policy) throws Exception {
        JobExecution e = runner.run(new RunParameters(night(n), in, out, policy));
        assertThat(e.getStatus()).as(night(n) + " " + e.getAllFailureExceptions()).isEqualTo(BatchStatus.COMPLETED);
    }

    List<String> lines(int n, String file) {
        List<String> all = new Outputs(out, night(n)).lines(file);
        return all.subList(1, all.size());
    }

    List<String> runway(int n) {
        assertThat(new Outputs(out, night(n)).header("runway.csv")).isEqualTo(RUNWAY_HEADER);
        return lines(n, "runway.csv");
    }

    List<String> actions(int n) {
        return lines(n, "enforcement_actions.csv");
    }

    /**
     * Window 3 runs, horizon 3 days, six nights. A: spend that stops; B: bursts, a top-up lifts it out of the
     * band, a second burst brings it back; C: a late charge; D: an account that arrives after its spend
     * (released from suspense); E: on hold; F: a balance of 0, then below; G: JPY.
     */
    @Test
    void sixNightsOfSpendStoppingBurstingLateReleasedHeldAndInYen() throws Exception {
        String policy = policy(3, 3);
        files(0).accounts("A,SA,USD,2025-01-01,N", "B,SB,USD,2025-01-01,N", "C,SC,USD,2025-01-01,N",
                        "E,SE,USD,2025-01-01,Y", "F,SF,USD,2025-01-01,N", "G,SG,JPY,2025-01-01,N")
                .spend("A-1,A,K,2026-03-01,1,20.00,USD", "B-1,B,K,2026-03-01,1,10.00,USD",
                        "E-1,E,K,2026-03-01,1,60.00,USD", "F-1,F,K,2026-03-01,1,50.00,USD",
                        "G-1,G,K,2026-03-01,1,7000,JPY")
                .payments("A-P,A,PAYMENT,100.00,USD,CARD,2026-03-01,", "B-P1,B,PAYMENT,1000.00,USD,CARD,2026-03-01,",
                        "C-P,C,PAYMENT,300.00,USD,CARD,2026-03-01,", "E-P,E,PAYMENT,100.00,USD,CARD,2026-03-01,",
                        "F-P,F,PAYMENT,50.00,USD,CARD,2026-03-01,", "G-P,G,PAYMENT,10000,JPY,CARD,2026-03-01,");
        run(0, policy);
        // Night 0: the window (02-27 .. 03-01) is longer than the history: the two dates before the first run
        // count as no spend, so S is tonight's spend alone.
        // A: 80.00 left, S 20.00: floor(80.00 x 3 / 20.00) = 12 days; 20.00 / 3 = 6.666..: 6.67.
        // B: 990.00, S 10.00: floor(2970.00 / 10.00) = 297; 3.333..: 3.33.
        // C: 300.00 but no spend: no row. F: 0.00 left: no row.
        // E: 40.00, S 60.00: floor(120.00 / 60.00) = 2 < 3: in the band; 20.00 a day.
        // G: 3000 JPY, S 7000: floor(9000 / 7000) = 1: in the band; 7000 / 3 = 2333.33..: 2333 (no minor digits).
        assertThat(runway(0)).containsExactly(
                "2026-03-01,A,USD,80.00,6.67,12,N",
                "2026-03-01,B,USD,990.00,3.33,297,N",
                "2026-03-01,E,USD,40.00,20.00,2,Y",
                "2026-03-01,G,JPY,3000,2333,1,Y");
        // E and G enter both bands (40.00 < 50.00, 3000 < 7500): the low-balance alert first, then the runway
        // alert, both at the enforced stage CURRENT. E is on hold: neither is suppressed.
        assertThat(actions(0)).containsExactly(
                "2026-03-01,E,SE,NOTIFY_LOW_BALANCE,CURRENT,CURRENT,0.00,USD,0",
                "2026-03-01,E,SE,NOTIFY_RUNWAY,CURRENT,CURRENT,0.00,USD,0",
                "2026-03-01,G,SG,NOTIFY_LOW_BALANCE,CURRENT,CURRENT,0,JPY,0",
                "2026-03-01,G,SG,NOTIFY_RUNWAY,CURRENT,CURRENT,0,JPY,0");

        // Night 1: D spends before it exists: its charge waits in suspense.
        files(1).accounts()
                .spend("A-2,A,K,2026-03-02,1,30.00,USD", "B-2,B,K,2026-03-02,1,500.00,USD",
                        "F-2,F,K,2026-03-02,1,20.00,USD", "D-1,D,K,2026-03-02,1,90.00,USD")
                .payments();
        run(1, policy);
        // A: 50.00, S 20.00 + 30.00 = 50.00: floor(150.00 / 50.00) = 3, not below 3: not in the band; 16.67.
        // B: a burst: 490.00, S 510.00: floor(1470.00 / 510.00) = 2: in the band; 170.00 a day.
        // E: 40.00, S still 60.00 (night 0 is in the window): 2 days, in the band, no second alert.
        // F: -20.00: not forecast. G: unchanged, in the band, no second alert.
        assertThat(runway(1)).containsExactly(
                "2026-03-02,A,USD,50.00,16.67,3,N",
                "2026-03-02,B,USD,490.00,170.00,2,Y",
                "2026-03-02,E,USD,40.00,20.00,2,Y",
                "2026-03-02,G,JPY,3000,2333,1,Y");
        assertThat(actions(1)).containsExactly(
                "2026-03-02,B,SB,NOTIFY_RUNWAY,CURRENT,CURRENT,0.00,USD,0",
                "2026-03-02,F,SF,NOTIFY_ARREARS,CURRENT,GRACE,20.00,USD,0");

        // Night 2: D arrives (its 90.00 is released from suspense and posted tonight) and pays; C is billed late
        // for 03-01; B tops up.
        files(2).accounts("D,SD,USD,2025-01-01,N")
                .spend("A-3,A,K,2026-03-03,1,40.00,USD", "B-3,B,K,2026-03-03,1,10.00,USD",
                        "C-1,C,K,2026-03-01,1,240.00,USD")
                .payments("B-P2,B,PAYMENT,2000.00,USD,CARD,2026-03-03,", "D-P,D,PAYMENT,150.00,USD,CARD,2026-03-03,");
        run(2, policy);
        // A: 10.00, S 20.00 + 30.00 + 40.00 = 90.00: floor(30.00 / 90.00) = 0: in the band; 30.00 a day.
        // B: 2480.00, S 10.00 + 500.00 + 10.00 = 520.00: floor(7440.00 / 520.00) = 14: the top-up lifts it out.
        //    520.00 / 3 = 173.333..: 173.33.
        // C: the late charge counts in the run that posted it (tonight): 60.00, S 240.00: floor(180.00 / 240.00)
        //    = 0: in the band; 80.00 a day.
        // D: new; the released 90.00 counts tonight: 60.00, S 90.00: floor(180.00 / 90.00) = 2: in the band.
        assertThat(runway(2)).containsExactly(
                "2026-03-03,A,USD,10.00,30.00,0,Y",
                "2026-03-03,B,USD,2480.00,173.33,14,N",
                "2026-03-03,C,USD,60.00,80.00,0,Y",
                "2026-03-03,D,USD,60.00,30.00,2,Y",
                "2026-03-03,E,USD,40.00,20.00,2,Y",
                "2026-03-03,G,JPY,3000,2333,1,Y");
        // A enters both bands (10.00 < 50.00; it was at 50.00, outside, last night): low balance first. C and D
        // (60.00, above the low balance) only the runway alert; D is a new account.
        assertThat(actions(2)).containsExactly(
                "2026-03-03,A,SA,NOTIFY_LOW_BALANCE,CURRENT,CURRENT,0.00,USD,0",
                "2026-03-03,A,SA,NOTIFY_RUNWAY,CURRENT,CURRENT,0.00,USD,0",
                "2026-03-03,C,SC,NOTIFY_RUNWAY,CURRENT,CURRENT,0.00,USD,0",
                "2026-03-03,D,SD,NOTIFY_RUNWAY,CURRENT,CURRENT,0.00,USD,0");
        // The report: per currency the accounts forecast and those in the band; the soonest to run out.
        ReportPage report = ReportPage.of(new Outputs(out, night(2)).dir().resolve("report.html"));
        // USD: A, B, C, D, E forecast; A, C, D, E in the band with 10.00 + 60.00 + 60.00 + 40.00 = 170.00.
        assertThat(report.rows("//table[@class='runway-band']")).containsExactly(
                List.of("CNY", "0", "0", "0.00"), List.of("EUR", "0", "0", "0.00"),
                List.of("JPY", "1", "1", "3,000"), List.of("USD", "5", "4", "170.00"));
        // fewest days first, then account_id
        assertThat(report.rows("//table[@class='runway-soonest']")).extracting(r -> r.get(0) + ":" + r.get(4))
                .containsExactly("A:0", "C:0", "G:1", "D:2", "E:2", "B:14");

        // Night 3: B bursts again.
        files(3).accounts().spend("B-4,B,K,2026-03-04,1,1500.00,USD").payments();
        run(3, policy);
        // The window is 03-02 .. 03-04.
        // A: S 30.00 + 40.00 = 70.00: floor(30.00 / 70.00) = 0; 23.333..: 23.33. Still in the band: no alert.
        // B: 980.00, S 500.00 + 10.00 + 1500.00 = 2010.00: floor(2940.00 / 2010.00) = 1: back in the band: alerted
        //    again; 670.00 a day.
        // C: the late charge was posted on 03-03, inside the window (its charge date 03-01 is not): S 240.00.
        // D: its 90.00 was posted on 03-03: S 90.00.
        // E: its only spend, posted on 03-01, left the window: S 0: no row. G: the same.
        assertThat(runway(3)).containsExactly(
                "2026-03-04,A,USD,10.00,23.33,0,Y",
                "2026-03-04,B,USD,980.00,670.00,1,Y",
                "2026-03-04,C,USD,60.00,80.00,0,Y",
                "2026-03-04,D,USD,60.00,30.00,2,Y");
        assertThat(actions(3)).containsExactly("2026-03-04,B,SB,NOTIFY_RUNWAY,CURRENT,CURRENT,0.00,USD,0");

        // Night 4: nothing happens but the window moving on (03-03 .. 03-05).
        files(4).accounts().spend().payments();
        run(4, policy);
        // A: S 40.00: 0 days, 13.33. B: S 10.00 + 1500.00 = 1510.00: floor(2940.00 / 1510.00) = 1; 503.333..:
        // 503.33. C, D: their spend of 03-03 is still in the window.
        assertThat(runway(4)).containsExactly(
                "2026-03-05,A,USD,10.00,13.33,0,Y",
                "2026-03-05,B,USD,980.00,503.33,1,Y",
                "2026-03-05,C,USD,60.00,80.00,0,Y",
                "2026-03-05,D,USD,60.00,30.00,2,Y");
        // F: 3 days past due: FROZEN. No runway alert.
        assertThat(actions(4)).containsExactly("2026-03-05,F,SF,FREEZE_ADS,GRACE,FROZEN,20.00,USD,3");

        // Night 5 (03-04 .. 03-06): E spends again (it has been out of the runway band since night 3).
        files(5).accounts().spend("E-2,E,K,2026-03-06,1,10.00,USD").payments();
        run(5, policy);
        // A, C, D: no spend in the window any more: no rows. B: S 1500.00: floor(2940.00 / 1500.00) = 1; 500.00.
        // E: 30.00, S 10.00: floor(90.00 / 10.00) = 9: not in the band; 3.333..: 3.33.
        assertThat(runway(5)).containsExactly(
                "2026-03-06,B,USD,980.00,500.00,1,Y",
                "2026-03-06,E,USD,30.00,3.33,9,N");
        assertThat(actions(5)).isEmpty();
    }

    /** Window 2, horizon 1: daily_spend rounded half-even, in dollars and in yen. */
    @Test
    void dailySpendIsRoundedHalfEvenAndDaysToZeroFlooredExactly() throws Exception {
        String policy = policy(2, 1);
        files(0).accounts("H,SH,USD,2025-01-01,N", "J,SJ,JPY,2025-01-01,N")
                .spend("H-1,H,K,2026-03-01,1,0.05,USD", "J-1,J,K,2026-03-01,1,5,JPY")
                .payments("H-P,H,PAYMENT,100.00,USD,CARD,2026-03-01,", "J-P,J,PAYMENT,1000,JPY,CARD,2026-03-01,");
        run(0, policy);
        // H: 99.95, S 0.05: floor(99.95 x 2 / 0.05) = 3998; 0.05 / 2 = 0.025: half-even 0.02 (half-up: 0.03).
        // J: 995, S 5: floor(1990 / 5) = 398; 5 / 2 = 2.5: half-even 2.
        assertThat(runway(0)).containsExactly("2026-03-01,H,USD,99.95,0.02,3998,N", "2026-03-01,J,JPY,995,2,398,N");

        files(1).accounts().spend("H-2,H,K,2026-03-02,1,0.10,USD", "J-2,J,K,2026-03-02,1,2,JPY").payments();
        run(1, policy);
        // H: 99.85, S 0.15: 199.70 / 0.15 = 1331.33..: 1331; 0.075: half-even 0.08.
        // J: 993, S 7: 1986 / 7 = 283.71..: 283; 3.5: half-even 4.
        assertThat(runway(1)).containsExactly("2026-03-02,H,USD,99.85,0.08,1331,N", "2026-03-02,J,JPY,993,4,283,N");
    }

    @Test
    void withoutARunwayBlockTheFileIsHeaderOnlyAndNoAlertIsRaised() throws Exception {
        files(0).accounts("A,SA,USD,2025-01-01,N").spend("A-1,A,K,2026-03-01,1,90.00,USD")
                .payments("A-P,A,PAYMENT,100.00,USD,CARD,2026-03-01,");
        run(0, null);
        assertThat(runway(0)).isEmpty();
        assertThat(actions(0)).containsExactly("2026-03-01,A,SA,NOTIFY_LOW_BALANCE,CURRENT,CURRENT,0.00,USD,0");
        assertThat(ReportPage.of(new Outputs(out, night(0)).dir().resolve("report.html")).all("//section[@id='runway']"))
                .isEmpty();
    }
    /**
     * A runway block added to a ledger with history, then its window shortened: each time nothing could be
     * carried from the night before, so the window's nights are read from what each run posted.
     */
    @Test
    void aBlockAddedLaterAndAWindowChangedReadTheWindowsNightsAsPosted() throws Exception {
        files(0).accounts("K,SK,USD,2025-01-01,N").spend("K-1,K,K1,2026-03-01,1,100.00,USD")
                .payments("K-P,K,PAYMENT,1000.00,USD,CARD,2026-03-01,");
        run(0, null);
        files(1).accounts().spend("K-2,K,K1,2026-03-02,1,200.00,USD", "L-1,L,K1,2026-03-02,1,80.00,USD").payments();
        run(1, null);
        // night 2: K billed late for 03-01; L arrives, its 80.00 leaves suspense and posts tonight
        files(2).accounts("L,SL,USD,2025-01-01,N").spend("K-3,K,K1,2026-03-01,1,300.00,USD")
                .payments("L-P,L,PAYMENT,100.00,USD,CARD,2026-03-03,");
        run(2, null);
        assertThat(runway(2)).isEmpty();

        files(3).accounts().spend("K-4,K,K1,2026-03-04,1,50.00,USD").payments();
        run(3, policy(3, 3));
        // The window 03-02 .. 03-04 as posted: K 200.00 + 300.00 (late, posted 03-03) + 50.00 = 550.00 (its
        // 100.00 of 03-01 is outside); 350.00 left: floor(1050.00 / 550.00) = 1: in the band; 183.333..: 183.33.
        // L: 80.00 released and posted on 03-03; 20.00 left: floor(60.00 / 80.00) = 0; 26.666..: 26.67.
        assertThat(runway(3)).containsExactly(
                "2026-03-04,K,USD,350.00,183.33,1,Y",
                "2026-03-04,L,USD,20.00,26.67,0,Y");
        // the previous night ran without the block, so it did not see them in the band: both alerted (L has
        // been in the low-balance band since night 2: no second low-balance alert)
        assertThat(actions(3)).containsExactly(
                "2026-03-04,K,SK,NOTIFY_RUNWAY,CURRENT,CURRENT,0.00,USD,0",
                "2026-03-04,L,SL,NOTIFY_RUNWAY,CURRENT,CURRENT,0.00,USD,0");

        files(4).accounts().spend("K-5,K,K1,2026-03-05,1,10.00,USD").payments();
        run(4, policy(2, 3));
        // window 2 (03-04 .. 03-05): K 50.00 + 10.00 = 60.00; 340.00: floor(680.00 / 60.00) = 11; 30.00 a day.
        // L: nothing posted in the window: no row.
        assertThat(runway(4)).containsExactly("2026-03-05,K,USD,340.00,30.00,11,N");
        assertThat(actions(4)).isEmpty();

        files(5).accounts().spend("K-6,K,K1,2026-03-06,1,20.00,USD").payments();
        run(5, policy(2, 3));
        // carried on from night 4: K 10.00 + 20.00 = 30.00; 320.00: floor(640.00 / 30.00) = 21; 15.00.
        assertThat(runway(5)).containsExactly("2026-03-06,K,USD,320.00,15.00,21,N");
    }
}
