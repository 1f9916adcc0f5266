package com.p4p.arrears.arrears;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.Map;

/**
 * S of SPEC 10 carried from night to night in one short text per account, so that a night reads no
 * spend history for it: {@code "w|total|rest|n1,n2,..."}: the window_days it was made for, the account's
 * total debits at the end of the last night, {@code rest} = the part of last night's S that stays in
 * tonight's window (S less the spend of the run that leaves it), then the spend each of the last
 * window_days - 1 nights posted, oldest first (zeros empty; none for a window of one night).
 * <p>
 * Tonight's spend is tonight's total less last night's; S = rest + tonight's spend. Advancing costs three
 * decimals whatever window_days is (total, rest, and the oldest night, which leaves the window next and
 * is taken out of the next rest); the other nights are copied on as text, unread. A text is only used
 * when it is last night's and made for this window_days; otherwise the night's spend is read
 * ({@link #fromNights}) and a new text begins.
 */
public final class RunwaySpendWindow {

    /** Longer texts (very long windows of busy accounts) are not kept: such an account's window is read. */
    public static final int MAX_TEXT = 4000;

    private static final char FIELD = '|';

    /** S, and the text to carry to the next night (null when too long to keep). */
    public record Window(BigDecimal windowSpend, String carried) {
    }

    private RunwaySpendWindow() {
    }

    /**
     * Tonight's window from last night's text, or null when it cannot be used (none, another night's,
     * another window length, another format, or totals that went down).
     *
     * @param totalDebits the account's debits over every posted entry, tonight included
     */
    public static Window advance(String carried, LocalDate carriedAsOf, LocalDate businessDate, int windowDays,
                                 BigDecimal totalDebits) {
        if (carried == null || carriedAsOf == null || !carriedAsOf.plusDays(1).equals(businessDate)) {
            return null;
        }
        String days = Integer.toString(windowDays);
        int f1 = days.length();
        if (!carried.startsWith(days) || carried.length() <= f1 || carried.charAt(f1) != FIELD) {
            return null; // another window, or a text of the earlier format (no window in it)
        }
        int f2 = carried.indexOf(FIELD, f1 + 1);
        int f3 = f2 < 0 ? -1 : carried.indexOf(FIELD, f2 + 1);
        if (f3 < 0 || commas(carried, f3 + 1) != Math.max(0, windowDays - 2)) {
            return null;
        }
        BigDecimal tonight = totalDebits.subtract(decimal(carried, f1 + 1, f2));
        if (tonight.signum() < 0) {
            return null;
        }
        BigDecimal s = decimal(carried, f2 + 1, f3).add(tonight);
        StringBuilder text = head(windowDays, totalDebits);
        if (windowDays == 1) {
            return new Window(s, text.append(FIELD).append(FIELD).toString()); // nothing stays: rest 0, no nights
        }
        // the oldest carried night leaves the window next night; the others are copied on as they are
        int oldestEnd = windowDays == 2 ? carried.length() : carried.indexOf(',', f3 + 1);
        BigDecimal rest = s.subtract(decimal(carried, f3 + 1, oldestEnd));
        text.append(FIELD).append(text(rest)).append(FIELD);
        if (windowDays > 2) {
            text.append(carried, oldestEnd + 1, carried.length()).append(',');
        }
        text.append(text(tonight));
        return new Window(s, text.length() > MAX_TEXT ? null : text.toString());
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
        for (BigDecimal n : nights) {
            s = n == null ? s : s.add(n);
        }
        StringBuilder text = head(nights.length, totalDebits);
        // rest: S less the oldest night, the one that leaves the window next night
        text.append(FIELD).append(text(nights[0] == null ? s : s.subtract(nights[0]))).append(FIELD);
        for (int i = 1; i < nights.length; i++) {
            if (i > 1) {
                text.append(',');
            }
            text.append(text(nights[i] == null ? BigDecimal.ZERO : nights[i]));
        }
        return new Window(s, text.length() > MAX_TEXT ? null : text.toString());
    }

    private static StringBuilder head(int windowDays, BigDecimal totalDebits) {
        return new StringBuilder(64).append(windowDays).append(FIELD).append(text(totalDebits));
    }

    /** The commas from {@code from} to the end: a window of w nights carries w - 1 values, w - 2 commas. */
    private static int commas(String text, int from) {
        int n = 0;
        for (int i = from; i < text.length(); i++) {
            if (text.charAt(i) == ',') {
                n++;
            }
        }
        return n;
    }

    private static String text(BigDecimal v) {
        return v.signum() == 0 ? "" : v.stripTrailingZeros().toPlainString();
    }

    private static BigDecimal decimal(String text, int from, int to) {
        return from == to ? BigDecimal.ZERO : new BigDecimal(text.substring(from, to));
    }
}
