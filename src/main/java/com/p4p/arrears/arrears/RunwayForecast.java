package com.p4p.arrears.arrears;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Objects;

import com.p4p.arrears.policy.RunwayRule;

/**
 * The runway forecast of SPEC 10 for one account: how many whole days its balance lasts at the rate of
 * the spend the last {@code window_days} runs posted to it. All exact: BigDecimal throughout, the days
 * floored, the daily rate rounded half-even to the currency's minor digits only for display.
 *
 * @param windowSpend S, the spend the window's runs posted to the account (&gt; 0)
 * @param dailySpend  S / window_days, half-even to the currency's minor digits
 * @param daysToZero  floor(balance × window_days / S), a whole number &gt;= 0
 * @param inBand      daysToZero &lt; horizon_days
 */
public record RunwayForecast(BigDecimal windowSpend, BigDecimal dailySpend, BigDecimal daysToZero, boolean inBand) {

    public RunwayForecast {
        Objects.requireNonNull(windowSpend, "windowSpend");
        Objects.requireNonNull(dailySpend, "dailySpend");
        Objects.requireNonNull(daysToZero, "daysToZero");
    }

    /**
     * The forecast, or null when there is none: a balance of 0 or less (arrears, not a warning) or no
     * spend in the window (nothing to run out at) is never forecast and never in the band.
     *
     * @param windowSpend S; null counts as no spend
     */
    public static RunwayForecast of(BigDecimal balance, BigDecimal windowSpend, RunwayRule rule, int minorDigits) {
        if (balance.signum() <= 0 || windowSpend == null || windowSpend.signum() <= 0) {
            return null;
        }
        BigDecimal days = daysToZero(balance, rule.windowDays(), windowSpend);
        return new RunwayForecast(windowSpend, dailySpend(windowSpend, rule.windowDays(), minorDigits), days,
                days.compareTo(BigDecimal.valueOf(rule.horizonDays())) < 0);
    }

    /** floor(balance × window_days / S), for a balance and an S both &gt; 0 (as stored, V11). */
    public static BigDecimal daysToZero(BigDecimal balance, int windowDays, BigDecimal windowSpend) {
        // both positive, so FLOOR at scale 0 is the exact integer floor of the quotient
        return balance.multiply(BigDecimal.valueOf(windowDays)).divide(windowSpend, 0, RoundingMode.FLOOR);
    }

    /** S / window_days, half-even to the currency's minor digits (as stored, V11). */
    public static BigDecimal dailySpend(BigDecimal windowSpend, int windowDays, int minorDigits) {
        return windowSpend.divide(BigDecimal.valueOf(windowDays), minorDigits, RoundingMode.HALF_EVEN);
    }
}
