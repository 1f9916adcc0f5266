package com.p4p.arrears.arrears;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.Map;

/**
 * S of SPEC 10 carried from night to night in one short text per account, so that a night reads no
 * spend history for it: the account's total debits at the end of the last night, then the spend each of
 * the last window_days - 1 nights posted, oldest first ({@code "total,d1,d2,..."}, zeros empty). Tonight's
 * spend is tonight's total less last night's; S is it plus the carried nights'.
 * <p>
 * A carried text is only used when it is last night's and holds exactly window_days values (the window
 * did not change); otherwise the night's spend is read ({@link #fromNights}) and a new text begins.
 */
public final class RunwaySpendWindow {

    /** Longer texts (very long windows of busy accounts) are not kept: such an account's window is read. */
    public static final int MAX_TEXT = 4000;

    /** S, and the text to carry to the next night (null when too long to keep). */
    public record Window(BigDecimal windowSpend, String carried) {
    }

    private RunwaySpendWindow() {
    }

    /**
     * Tonight's window from last night's text, or null when it cannot be used (none, another night's,
     * another window length, or totals that went down).
     *
     * @param totalDebits the account's debits over every posted entry, tonight included
     */
    public static Window advance(String carried, LocalDate carriedAsOf, LocalDate businessDate, int windowDays,
                                 BigDecimal totalDebits) {
        if (carried == null || carriedAsOf == null || !carriedAsOf.plusDays(1).equals(businessDate)) {
            return null;
        }
        String[] values = carried.split(",", -1);
        if (values.length != windowDays) {
            return null;
        }
        BigDecimal tonight = totalDebits.subtract(decimal(values[0]));
        if (tonight.signum() < 0) {
            return null;
        }
        BigDecimal[] nights = new BigDecimal[windowDays];
        for (int i = 1; i < windowDays; i++) {
            nights[i - 1] = decimal(values[i]);
        }
        nights[windowDays - 1] = tonight;
        return fromNights(nights, totalDebits);
    }

    /** An account classified for the first time: everything it was ever charged was posted tonight. */
    public static Window firstNight(LocalDate businessDate, int windowDays, BigDecimal totalDebits) {
        return fromPostings(Map.of(businessDate, totalDebits), businessDate, windowDays, totalDebits);
    }

    /**
     * The window from the spend each of its nights posted, as read from the ledger's per-night sums.
     *
     * @param byPostedDate the spend posted to the account per business date of the window (absent: none)
     * @param totalDebits  null when not known: then nothing is carried on
     */
    public static Window fromPostings(Map<LocalDate, BigDecimal> byPostedDate, LocalDate businessDate,
                                      int windowDays, BigDecimal totalDebits) {
        if (totalDebits == null || windowDays - 1 > MAX_TEXT) { // nothing to carry (no array of a huge window's size)
            return new Window(byPostedDate.values().stream().reduce(BigDecimal.ZERO, BigDecimal::add), null);
        }
        BigDecimal[] nights = new BigDecimal[windowDays];
        byPostedDate.forEach((date, spend) -> {
            int i = windowDays - 1 - (int) ChronoUnit.DAYS.between(date, businessDate);
            if (i < 0 || i >= windowDays) {
                throw new IllegalArgumentException(date + " is not in the window of " + businessDate);
            }
            nights[i] = spend;
        });
        return fromNights(nights, totalDebits);
    }

    /**
     * The window from the spend each of its nights posted.
     *
     * @param nights the window's nights oldest first, tonight last; null is no spend
     */
    static Window fromNights(BigDecimal[] nights, BigDecimal totalDebits) {
        BigDecimal s = BigDecimal.ZERO;
        StringBuilder text = new StringBuilder(text(totalDebits));
        for (int i = 0; i < nights.length; i++) {
            BigDecimal n = nights[i] == null ? BigDecimal.ZERO : nights[i];
            s = s.add(n);
            if (i > 0) {
                text.append(',').append(text(n));
            }
        }
        return new Window(s, text.length() > MAX_TEXT ? null : text.toString());
    }

    private static String text(BigDecimal v) {
        return v.signum() == 0 ? "" : v.stripTrailingZeros().toPlainString();
    }

    private static BigDecimal decimal(String text) {
        return text.isEmpty() ? BigDecimal.ZERO : new BigDecimal(text);
    }
}
