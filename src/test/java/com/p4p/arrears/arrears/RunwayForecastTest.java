package com.p4p.arrears.arrears;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import com.p4p.arrears.policy.RunwayRule;

/** days_to_zero, the band and daily_spend of SPEC 10, each expectation worked out by hand. */
class RunwayForecastTest {

    private static RunwayForecast forecast(String balance, String s, int window, int horizon, int digits) {
        return RunwayForecast.of(new BigDecimal(balance), s == null ? null : new BigDecimal(s),
                new RunwayRule(window, horizon), digits);
    }

    @ParameterizedTest(name = "balance {0}, S {1}, window {2}: {3} days")
    @CsvSource({
            // 100.00 x 7 / 700.00 = 1 exactly: not 0 (an exact quotient is not floored down)
            "100.00, 700.00, 7, 1",
            // 99.99 x 7 / 700.00 = 0.9999: 0
            "99.99, 700.00, 7, 0",
            // 100.01 x 7 / 700.00 = 1.0001: 1
            "100.01, 700.00, 7, 1",
            // 10.00 x 3 / 3.00 = 10
            "10.00, 3.00, 3, 10",
            // 10.00 x 3 / 7.00 = 4.285...: 4 (a quotient that does not terminate is still floored exactly)
            "10.00, 7.00, 3, 4",
            // 0.01 x 1 / 1000000.00: 0
            "0.01, 1000000.00, 1, 0",
            // a balance far above the spend: 999999999999.99 x 30 / 0.01 = 2999999999999970
            "999999999999.99, 0.01, 30, 2999999999999970",
            // 2 / 3 x 3 would be 2 through a rounded rate (0.67 a day: 2.98...); exactly: 2 x 3 / 2 = 3
            "2.00, 2.00, 3, 3"})
    void daysToZeroIsTheExactFloorOfBalanceTimesWindowOverSpend(String balance, String s, int window, String days) {
        RunwayForecast f = forecast(balance, s, window, 3, 2);
        assertThat(f.daysToZero()).isEqualByComparingTo(days);
        assertThat(f.daysToZero().scale()).isZero();
    }

    @Test
    void theBandIsStrictlyBelowTheHorizon() {
        // 3.00 x 7 / 7.00 = 3 days: horizon 3 is not in the band, horizon 4 is
        assertThat(forecast("3.00", "7.00", 7, 3, 2).inBand()).isFalse();
        assertThat(forecast("3.00", "7.00", 7, 4, 2).inBand()).isTrue();
        // 2.99 x 7 / 7.00 = 2.99: 2 < 3
        assertThat(forecast("2.99", "7.00", 7, 3, 2).inBand()).isTrue();
    }

    @Test
    void aBalanceOfZeroOrLessOrNoSpendIsNeverForecast() {
        assertThat(forecast("0.00", "7.00", 7, 3, 2)).isNull();
        assertThat(forecast("-5.00", "7.00", 7, 3, 2)).isNull();
        assertThat(forecast("5.00", "0.00", 7, 3, 2)).isNull();
        assertThat(forecast("5.00", null, 7, 3, 2)).isNull();
    }

    @ParameterizedTest(name = "S {0} over {1} days at {2} digits: {3}")
    @CsvSource({
            // 0.05 / 2 = 0.025: half-even to 0.02 (HALF_UP would give 0.03)
            "0.05, 2, 2, 0.02",
            // 0.15 / 2 = 0.075: half-even to 0.08
            "0.15, 2, 2, 0.08",
            // 10.00 / 3 = 3.333...: 3.33
            "10.00, 3, 2, 3.33",
            // 20.00 / 3 = 6.666...: 6.67
            "20.00, 3, 2, 6.67",
            // JPY: 5 / 2 = 2.5: 2; 7 / 2 = 3.5: 4; 10 / 4 = 2.5: 2
            "5, 2, 0, 2",
            "7, 2, 0, 4",
            "10, 4, 0, 2",
            // four minor digits: 0.0001 / 2 = 0.00005: 0.0000
            "0.0001, 2, 4, 0.0000"})
    void dailySpendIsRoundedHalfEvenToTheCurrencysMinorDigits(String s, int window, int digits, String daily) {
        RunwayForecast f = forecast("1000", s, window, 3, digits);
        assertThat(f.dailySpend()).isEqualTo(new BigDecimal(daily)); // equals: value and scale
    }

    @Test
    void japaneseYenWithNoMinorDigits() {
        // 7499 JPY, 15000 JPY spent over 7 runs: 7499 x 7 / 15000 = 3.4995...: 3 days; 15000 / 7 = 2142.857...: 2143
        RunwayForecast f = forecast("7499", "15000", 7, 4, 0);
        assertThat(f.daysToZero()).isEqualByComparingTo("3");
        assertThat(f.dailySpend()).isEqualTo(new BigDecimal("2143"));
        assertThat(f.inBand()).isTrue();
        // the window's spend is the rate, not daily_spend: 1 x 7 / 15000 < 1 although 1 JPY is below a day's 2143
        assertThat(forecast("2143", "15000", 7, 4, 0).daysToZero()).isEqualByComparingTo("1");
    }
}
