package com.p4p.arrears.arrears;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;

import org.junit.jupiter.api.Test;

import com.p4p.arrears.credit.CreditRecord;
import com.p4p.arrears.policy.TestPolicies;

/** Credit reporting as the engine drives it night after night (SPEC 7). */
class ArrearsEngineCreditTest {

    private static final LocalDate D0 = LocalDate.of(2024, 1, 1);

    private final ArrearsEngine engine = new ArrearsEngine(TestPolicies.defaultPolicy());

    private static LocalDate day(int n) {
        return D0.plusDays(n);
    }

    @Test
    void everyCodeAndEventAcrossTwoEpisodes() {
        AccountHistory a = new AccountHistory(engine, "USD").charge(D0, "100.00");

        ArrearsOutcome day29 = a.night(day(29));
        assertThat(day29.creditStatus()).isEqualTo("11");
        assertThat(day29.creditRecord()).isNull();

        ArrearsOutcome day30 = a.night(day(30));
        assertThat(day30.creditStatus()).isEqualTo("71");
        assertThat(day30.creditRecord()).isEqualTo(new CreditRecord("DELINQUENT", "71", "11", D0));
        assertThat(day30.next().dateOfFirstDelinquency()).isEqualTo(D0);

        assertThat(a.night(day(31)).creditRecord()).isNull();
        assertThat(a.night(day(60)).creditRecord()).isEqualTo(new CreditRecord("WORSENED", "78", "71", D0));
        assertThat(a.night(day(90)).creditRecord()).isEqualTo(new CreditRecord("WORSENED", "80", "78", D0));
        a.charge(day(130), "100.00");
        assertThat(a.night(day(130)).creditRecord()).isEqualTo(new CreditRecord("WORSENED", "82", "80", D0));
        assertThat(a.night(day(150)).creditRecord()).isEqualTo(new CreditRecord("WORSENED", "83", "82", D0));
        ArrearsOutcome day180 = a.night(day(180));
        assertThat(day180.creditRecord()).isEqualTo(new CreditRecord("WORSENED", "84", "83", D0));
        assertThat(day180.creditStatus()).isEqualTo("84");

        // Paying the first charge leaves the one of day 130, 51 days old: better, still delinquent,
        // and the episode keeps the date it started with.
        ArrearsOutcome improved = a.pay("100.00").night(day(181));
        assertThat(improved.oldestUnpaidDate()).isEqualTo(day(130));
        assertThat(improved.creditRecord()).isEqualTo(new CreditRecord("IMPROVED", "71", "84", D0));

        ArrearsOutcome cured = a.pay("100.00").night(day(182));
        assertThat(cured.creditRecord()).isEqualTo(new CreditRecord("CURED", "11", "71", D0));
        assertThat(cured.creditStatus()).isEqualTo("11");
        assertThat(cured.next().dateOfFirstDelinquency()).isNull();

        // A later delinquency is a new episode with its own date.
        a.charge(day(190), "50.00");
        assertThat(a.night(day(219)).creditRecord()).isNull();
        ArrearsOutcome second = a.night(day(220));
        assertThat(second.creditRecord()).isEqualTo(new CreditRecord("DELINQUENT", "71", "11", day(190)));
        assertThat(a.pay("50.00").night(day(221)).creditRecord())
                .isEqualTo(new CreditRecord("CURED", "11", "71", day(190)));
    }

    @Test
    void jumpStraightToASevereCodeIsOneDelinquentRecord() {
        // A chargeback re-opens a charge 100 days old: the first report is already 80.
        AccountHistory a = new AccountHistory(engine, "USD").charge(D0, "100.00").pay("100.00");
        assertThat(a.night(day(99)).creditStatus()).isEqualTo("11");

        ArrearsOutcome out = a.reverse(day(100), "100.00").night(day(100));
        assertThat(out.creditRecord()).isEqualTo(new CreditRecord("DELINQUENT", "80", "11", D0));
    }

    @Test
    void debtBelowCreditMinOwedIsNotReported() {
        ArrearsOutcome out = new AccountHistory(engine, "USD").charge(D0, "9.99").night(day(200));
        assertThat(out.stage()).isEqualTo("FLAGGED");
        assertThat(out.creditStatus()).isEqualTo("11");
        assertThat(out.creditRecord()).isNull();

        ArrearsOutcome jpy = new AccountHistory(engine, "JPY").charge(D0, "1500").night(day(30));
        assertThat(jpy.creditRecord()).isEqualTo(new CreditRecord("DELINQUENT", "71", "11", D0));
    }

    @Test
    void paymentDroppingOwedBelowCreditMinOwedCures() {
        AccountHistory a = new AccountHistory(engine, "CNY").charge(D0, "500.00");
        assertThat(a.night(day(45)).creditStatus()).isEqualTo("71");

        ArrearsOutcome out = a.pay("430.01").night(day(46));
        assertThat(out.owed()).isEqualByComparingTo("69.99");
        assertThat(out.daysPastDue()).isEqualTo(46);
        assertThat(out.creditRecord()).isEqualTo(new CreditRecord("CURED", "11", "71", D0));
    }

    @Test
    void holdKeepsAWorseStatusUnreportedUntilReleased() {
        AccountHistory a = new AccountHistory(engine, "USD").charge(D0, "100.00");
        assertThat(a.night(day(30)).creditStatus()).isEqualTo("71");

        ArrearsOutcome held = a.hold(true).night(day(65));
        assertThat(held.creditStatus()).isEqualTo("71");
        assertThat(held.creditRecord()).isNull();
        assertThat(held.next().reportedCreditStatus()).isEqualTo("71");

        ArrearsOutcome released = a.hold(false).night(day(66));
        assertThat(released.creditRecord()).isEqualTo(new CreditRecord("WORSENED", "78", "71", D0));
    }

    @Test
    void holdStillReportsAnImprovement() {
        AccountHistory a = new AccountHistory(engine, "USD").charge(D0, "100.00").charge(day(40), "100.00");
        assertThat(a.night(day(95)).creditStatus()).isEqualTo("80");

        ArrearsOutcome out = a.hold(true).pay("100.00").night(day(96));
        assertThat(out.daysPastDue()).isEqualTo(56);
        assertThat(out.creditRecord()).isEqualTo(new CreditRecord("IMPROVED", "71", "80", D0));
        assertThat(out.creditStatus()).isEqualTo("71");
    }

    @Test
    void delinquencyDuringAHoldIsReportedOnReleaseDatedByThatDaysAnchor() {
        AccountHistory a = new AccountHistory(engine, "EUR").hold(true).charge(D0, "100.00");
        ArrearsOutcome held = a.night(day(40));
        assertThat(held.creditStatus()).isEqualTo("11");
        assertThat(held.creditRecord()).isNull();
        assertThat(held.next().dateOfFirstDelinquency()).isNull();

        // Meanwhile part is paid and a newer charge arrives: the episode dates from the release day's anchor.
        a.pay("100.00").charge(day(10), "100.00");
        ArrearsOutcome released = a.hold(false).night(day(41));
        assertThat(released.creditRecord()).isEqualTo(new CreditRecord("DELINQUENT", "71", "11", day(10)));
    }
}
