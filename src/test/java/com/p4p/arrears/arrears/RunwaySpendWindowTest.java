package com.p4p.arrears.arrears;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;

/**
 * The window carried from night to night must give the S that summing the window's nights gives, night
 * after night, and must refuse to be used when it does not belong to last night or to this window.
 */
class RunwaySpendWindowTest {

    private static final LocalDate D = LocalDate.of(2026, 3, 1);

    private static BigDecimal dec(String v) {
        return new BigDecimal(v);
    }

    @Test
    void carriedNightAfterNightItEqualsTheSumOfTheWindowsNights() {
        // nightly spend posted, night 0 first; window 3
        String[] spend = {"20.00", "30.00", "0", "40.50", "0", "0", "7.25", "1000000.0001"};
        RunwaySpendWindow.Window w = RunwaySpendWindow.firstNight(D, 3, dec(spend[0]));
        assertThat(w.windowSpend()).isEqualByComparingTo("20.00");
        // window 3, total 20, rest 20 (S less night -2, which leaves next), then nights -1 and 0
        assertThat(RunwaySpendWindow.readable(w.carried())).isEqualTo("3|20|20|,20");
        BigDecimal total = dec(spend[0]);
        Map<LocalDate, BigDecimal> posted = new HashMap<>(Map.of(D, dec(spend[0])));
        for (int n = 1; n < spend.length; n++) {
            LocalDate night = D.plusDays(n);
            total = total.add(dec(spend[n]));
            posted.put(night, dec(spend[n]));
            RunwaySpendWindow.Window next = RunwaySpendWindow.advance(w.carried(), night.minusDays(1), night, 3, total);
            BigDecimal expected = BigDecimal.ZERO;
            Map<LocalDate, BigDecimal> inWindow = new HashMap<>();
            for (int k = Math.max(0, n - 2); k <= n; k++) {
                expected = expected.add(dec(spend[k]));
                inWindow.put(D.plusDays(k), dec(spend[k]));
            }
            assertThat(next.windowSpend()).as("night " + n).isEqualByComparingTo(expected);
            // and read from the nights instead, the same S and the same values to carry on
            RunwaySpendWindow.Window read = RunwaySpendWindow.fromPostings(inWindow, night, 3, total);
            assertThat(read.windowSpend()).as("night " + n).isEqualByComparingTo(next.windowSpend());
            assertThat(RunwaySpendWindow.readable(read.carried())).as("night " + n)
                    .isEqualTo(RunwaySpendWindow.readable(next.carried()));
            w = next;
        }
        // night 7: 7.25 (night 6) + 1000000.0001 (night 7); night 5 had none, so all of S stays next night
        assertThat(w.windowSpend()).isEqualByComparingTo("1000007.2501");
        assertThat(RunwaySpendWindow.readable(w.carried())).isEqualTo("3|1000097.7501|1000007.2501|7.25,1000000.0001");
    }

    @Test
    void aWindowOfOneNightIsTonightsSpend() {
        RunwaySpendWindow.Window w = RunwaySpendWindow.firstNight(D, 1, dec("5"));
        assertThat(RunwaySpendWindow.readable(w.carried())).isEqualTo("1|5||");
        RunwaySpendWindow.Window next = RunwaySpendWindow.advance(w.carried(), D, D.plusDays(1), 1, dec("12"));
        assertThat(next.windowSpend()).isEqualByComparingTo("7");
        assertThat(RunwaySpendWindow.readable(next.carried())).isEqualTo("1|12||");
        RunwaySpendWindow.Window read = RunwaySpendWindow.fromPostings(Map.of(D.plusDays(1), dec("7")), D.plusDays(1), 1,
                dec("12"));
        assertThat(read.windowSpend()).isEqualByComparingTo(next.windowSpend());
        assertThat(RunwaySpendWindow.readable(read.carried())).isEqualTo(RunwaySpendWindow.readable(next.carried()));
    }

    @Test
    void everyWindowLengthCarriedNightAfterNightEqualsTheSumOfItsNights() {
        String[] spend = {"3.10", "0", "0", "0.0001", "12", "0", "5.5", "0", "0", "0", "250", "1.25", "0"};
        for (int days = 1; days <= 11; days++) {
            BigDecimal total = dec(spend[0]);
            RunwaySpendWindow.Window w = RunwaySpendWindow.firstNight(D, days, total);
            for (int n = 1; n < spend.length; n++) {
                total = total.add(dec(spend[n]));
                w = RunwaySpendWindow.advance(w.carried(), D.plusDays(n - 1), D.plusDays(n), days, total);
                BigDecimal expected = BigDecimal.ZERO;
                Map<LocalDate, BigDecimal> inWindow = new HashMap<>();
                for (int k = Math.max(0, n - days + 1); k <= n; k++) {
                    expected = expected.add(dec(spend[k]));
                    inWindow.put(D.plusDays(k), dec(spend[k]));
                }
                String as = "window " + days + ", night " + n;
                assertThat(w.windowSpend()).as(as).isEqualByComparingTo(expected);
                assertThat(RunwaySpendWindow.readable(RunwaySpendWindow.fromPostings(inWindow, D.plusDays(n), days,
                        total).carried())).as(as).isEqualTo(RunwaySpendWindow.readable(w.carried()));
            }
        }
    }

    @Test
    void exactAtTheEdgesWholeYenHugeTotalsAndAFourthDecimalArrivingMidWindow() {
        // yen (0 digits), then totals past a long's range at 4 decimals, then a 4th decimal in a whole window
        String[] spend = {"1500", "0", "98000", "99999999999999999999.9999", "0.0001", "0", "7",
                "12345678901234567890.1234", "0", "0", "0", "0.5"};
        for (int days = 1; days <= spend.length + 1; days++) {
            BigDecimal total = dec("3000"); // charged before the first night with the block
            RunwaySpendWindow.Window w = RunwaySpendWindow.fromPostings(Map.of(), D.minusDays(1), days, total);
            for (int n = 0; n < spend.length; n++) {
                total = total.add(dec(spend[n]));
                LocalDate night = D.plusDays(n);
                w = RunwaySpendWindow.advance(w.carried(), night.minusDays(1), night, days, total);
                BigDecimal expected = BigDecimal.ZERO;
                Map<LocalDate, BigDecimal> inWindow = new HashMap<>();
                for (int k = Math.max(0, n - days + 1); k <= n; k++) {
                    expected = expected.add(dec(spend[k]));
                    inWindow.put(D.plusDays(k), dec(spend[k]));
                }
                String as = "window " + days + ", night " + n;
                assertThat(w).as(as).isNotNull();
                assertThat(w.windowSpend()).as(as).isEqualByComparingTo(expected);
                assertThat(RunwaySpendWindow.readable(w.carried())).as(as).isEqualTo(RunwaySpendWindow.readable(
                        RunwaySpendWindow.fromPostings(inWindow, night, days, total).carried()));
                assertThat(RunwaySpendWindow.readable(w.carried())).as(as).startsWith(days + "|" + plain(total) + "|");
            }
        }
    }

    @Test
    void theTextKeepsItsLengthNightAfterNightSoTheRowIsRewrittenInPlace() {
        // a new account spending 5-150 USD a night: the first text is already as long as a full window's
        java.util.Random random = new java.util.Random(7);
        BigDecimal total = dec("23.17");
        RunwaySpendWindow.Window w = RunwaySpendWindow.firstNight(D, 7, total);
        int length = w.carried().length();
        int grew = 0;
        for (int n = 1; n <= 60; n++) {
            total = total.add(BigDecimal.valueOf(500 + random.nextInt(14_500), 2));
            RunwaySpendWindow.Window next = RunwaySpendWindow.advance(w.carried(), D.plusDays(n - 1), D.plusDays(n), 7,
                    total);
            assertThat(next.carried().length()).as("night " + n).isGreaterThanOrEqualTo(w.carried().length());
            grew += next.carried().length() > w.carried().length() ? 1 : 0;
            w = next;
        }
        assertThat(grew).as("nights the text grew").isLessThanOrEqualTo(2);
        assertThat(w.carried().length()).isLessThanOrEqualTo(length + 2 * RunwaySpendWindow.SLACK + 2);
        // the padding is leading zeros of the total: the values read back unchanged
        assertThat(RunwaySpendWindow.readable(w.carried())).startsWith("7|" + total.stripTrailingZeros().toPlainString() + "|");
    }

    @Test
    void aTextOfTheUnpaddedFormIsAdvancedAndPaddedToItsOwnLength() {
        // texts written before the padding: read as they are, the next one at least as long
        RunwaySpendWindow.Window first = RunwaySpendWindow.fromPostings(Map.of(D, dec("20")), D, 3, dec("20"));
        String padded = first.carried();
        int totalStart = 2; // the scale letter, window_days 3 in one character
        String stripped = padded.substring(0, totalStart) + padded.substring(totalStart).replaceFirst("^!+", "");
        assertThat(stripped).isNotEqualTo(padded);
        assertThat(RunwaySpendWindow.readable(stripped)).isEqualTo(RunwaySpendWindow.readable(padded));
        RunwaySpendWindow.Window next = RunwaySpendWindow.advance(stripped, D, D.plusDays(1), 3, dec("27.5"));
        assertThat(next.windowSpend()).isEqualByComparingTo("27.5");
        assertThat(next.carried().length()).isGreaterThanOrEqualTo(stripped.length());
        assertThat(RunwaySpendWindow.readable(next.carried())).isEqualTo("3|27.5|27.5|20,7.5");
    }

    @Test
    void yenIsCarriedAsWholeNumbersAndAWeekOfCentsInTwentyOneCharacters() {
        RunwaySpendWindow.Window yen = RunwaySpendWindow.firstNight(D, 7, dec("1500.0000"));
        assertThat(yen.carried()).startsWith("a"); // scale 0
        assertThat(RunwaySpendWindow.readable(yen.carried())).isEqualTo("7|1500|1500|,,,,,1500");
        BigDecimal total = dec("1097.75");
        RunwaySpendWindow.Window w = RunwaySpendWindow.firstNight(D, 7, total);
        for (int n = 1; n <= 10; n++) {
            total = total.add(dec("12.34"));
            w = RunwaySpendWindow.advance(w.carried(), D.plusDays(n - 1), D.plusDays(n), 7, total);
        }
        assertThat(w.carried()).startsWith("c"); // scale 2
        assertThat(w.windowSpend()).isEqualByComparingTo("86.38");
        assertThat(RunwaySpendWindow.readable(w.carried())).isEqualTo("7|1221.15|74.04|12.34,12.34,12.34,12.34,12.34,12.34");
        // 21 characters unpadded (the decimal text above: 51), as long as the first night made it: 36
        assertThat(w.carried().replaceFirst("^c(.)!+", "c$1")).hasSize(21);
        assertThat(w.carried()).hasSize(36);
    }

    private static String plain(BigDecimal v) {
        return v.signum() == 0 ? "" : v.stripTrailingZeros().toPlainString();
    }

    @Test
    void aTextOfAnEarlierFormatOrAnotherWindowIsNotUsed() {
        // the decimal texts of the earlier formats (total, then the nights; then with window_days and rest
        // first): read the window instead
        assertThat(RunwaySpendWindow.advance("20,,20", D, D.plusDays(1), 3, dec("20"))).isNull();
        assertThat(RunwaySpendWindow.advance("20", D, D.plusDays(1), 1, dec("20"))).isNull();
        assertThat(RunwaySpendWindow.advance("3|20|20|,20", D, D.plusDays(1), 3, dec("20"))).isNull();
        assertThat(RunwaySpendWindow.advance("1|5||", D, D.plusDays(1), 1, dec("5"))).isNull();
        // a packed text with the window's nights cut or added, or cut mid-number, is not this window's either
        String carried = RunwaySpendWindow.firstNight(D, 3, dec("20")).carried();
        assertThat(RunwaySpendWindow.advance(carried, D, D.plusDays(1), 3, dec("20"))).isNotNull();
        assertThat(RunwaySpendWindow.advance(carried.substring(0, carried.length() - 1), D, D.plusDays(1), 3, dec("20")))
                .isNull();
        assertThat(RunwaySpendWindow.advance(carried + carried.charAt(carried.length() - 1), D, D.plusDays(1), 3,
                dec("20"))).isNull();
        assertThat(RunwaySpendWindow.advance(carried + "\\", D, D.plusDays(1), 3, dec("20"))).isNull();
        assertThat(RunwaySpendWindow.advance("", D, D.plusDays(1), 3, dec("20"))).isNull();
    }

    @Test
    void itIsNotUsedWhenItIsNotLastNightsOrNotThisWindowsOrTheTotalsWentDown() {
        String carried = RunwaySpendWindow.firstNight(D, 3, dec("20")).carried();
        assertThat(RunwaySpendWindow.advance(null, D, D.plusDays(1), 3, dec("20"))).isNull();
        assertThat(RunwaySpendWindow.advance(carried, D.minusDays(1), D.plusDays(1), 3, dec("20"))).isNull();
        assertThat(RunwaySpendWindow.advance(carried, D.plusDays(1), D.plusDays(1), 3, dec("20"))).isNull();
        assertThat(RunwaySpendWindow.advance(carried, D, D.plusDays(1), 4, dec("20"))).isNull();
        assertThat(RunwaySpendWindow.advance(carried, D, D.plusDays(1), 2, dec("20"))).isNull();
        assertThat(RunwaySpendWindow.advance(carried, D, D.plusDays(1), 3, dec("19.99"))).isNull();
        assertThat(RunwaySpendWindow.advance(carried, D, D.plusDays(1), 3, dec("20")).windowSpend())
                .isEqualByComparingTo("20");
    }

    @Test
    void aWindowTooLongToCarryIsStillSummed() {
        int days = RunwaySpendWindow.MAX_TEXT + 2;
        RunwaySpendWindow.Window w = RunwaySpendWindow.fromPostings(Map.of(D, dec("3"), D.minusDays(4000), dec("4")),
                D, days, dec("7"));
        assertThat(w.windowSpend()).isEqualByComparingTo("7");
        assertThat(w.carried()).isNull();
        assertThat(RunwaySpendWindow.fromPostings(Map.of(D, dec("3")), D, 3, null).carried()).isNull();
    }
}
