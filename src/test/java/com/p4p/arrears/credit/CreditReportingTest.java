package com.p4p.arrears.credit;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;

import org.junit.jupiter.api.Test;

import com.p4p.arrears.credit.CreditReporting.Reported;

class CreditReportingTest {

    private static final LocalDate ANCHOR = LocalDate.of(2024, 1, 10);
    private static final LocalDate OTHER_ANCHOR = LocalDate.of(2024, 1, 2);

    @Test
    void unchangedStatusWritesNoRecord() {
        Reported r = CreditReporting.report("11", null, "11", false, null);
        assertThat(r.status()).isEqualTo("11");
        assertThat(r.record()).isNull();
        assertThat(r.dateOfFirstDelinquency()).isNull();

        Reported still = CreditReporting.report("78", ANCHOR, "78", false, OTHER_ANCHOR);
        assertThat(still.record()).isNull();
        assertThat(still.dateOfFirstDelinquency()).isEqualTo(ANCHOR);
    }

    @Test
    void firstDelinquencyOpensAnEpisodeDatedByTodaysAnchor() {
        Reported r = CreditReporting.report("11", null, "71", false, ANCHOR);
        assertThat(r.record()).isEqualTo(new CreditRecord("DELINQUENT", "71", "11", ANCHOR));
        assertThat(r.status()).isEqualTo("71");
        assertThat(r.dateOfFirstDelinquency()).isEqualTo(ANCHOR);
    }

    @Test
    void worseningAndImprovingKeepTheEpisodeDateEvenWhenTheAnchorMoves() {
        Reported worse = CreditReporting.report("71", ANCHOR, "80", false, OTHER_ANCHOR);
        assertThat(worse.record()).isEqualTo(new CreditRecord("WORSENED", "80", "71", ANCHOR));
        Reported better = CreditReporting.report("80", ANCHOR, "78", false, OTHER_ANCHOR);
        assertThat(better.record()).isEqualTo(new CreditRecord("IMPROVED", "78", "80", ANCHOR));
        assertThat(better.dateOfFirstDelinquency()).isEqualTo(ANCHOR);
    }

    @Test
    void cureClosesTheEpisodeWithItsDate() {
        Reported r = CreditReporting.report("84", ANCHOR, "11", false, null);
        assertThat(r.record()).isEqualTo(new CreditRecord("CURED", "11", "84", ANCHOR));
        assertThat(r.status()).isEqualTo("11");
        assertThat(r.dateOfFirstDelinquency()).isNull();
    }

    @Test
    void holdKeepsTheLastReportedStatusInsteadOfAWorseOne() {
        Reported fromCurrent = CreditReporting.report("11", null, "71", true, ANCHOR);
        assertThat(fromCurrent.record()).isNull();
        assertThat(fromCurrent.status()).isEqualTo("11");
        assertThat(fromCurrent.dateOfFirstDelinquency()).isNull();

        Reported fromDelinquent = CreditReporting.report("71", ANCHOR, "82", true, ANCHOR);
        assertThat(fromDelinquent.record()).isNull();
        assertThat(fromDelinquent.status()).isEqualTo("71");
        assertThat(fromDelinquent.dateOfFirstDelinquency()).isEqualTo(ANCHOR);
    }

    @Test
    void holdStillReportsImprovementsAndCures() {
        assertThat(CreditReporting.report("82", ANCHOR, "71", true, ANCHOR).record())
                .isEqualTo(new CreditRecord("IMPROVED", "71", "82", ANCHOR));
        assertThat(CreditReporting.report("82", ANCHOR, "11", true, null).record())
                .isEqualTo(new CreditRecord("CURED", "11", "82", ANCHOR));
    }
}
