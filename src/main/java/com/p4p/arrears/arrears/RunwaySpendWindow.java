package com.p4p.arrears.arrears;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.Map;

/**
 * S of SPEC 10 carried from night to night in one short text per account, so that a night reads no
 * spend history for it: the window_days it was made for, the account's total debits at the end of the
 * last night, {@code rest} = the part of last night's S that stays in tonight's window (S less the spend
 * of the run that leaves it), then the spend each of the last window_days - 1 nights posted, oldest first
 * (none for a window of one night). {@link #readable} shows it as {@code "w|total|rest|n1,n2,..."}.
 * <p>
 * Stored packed (it is on every account's row, every night): a first character {@code 'a' + scale}, then
 * the values as whole numbers of 10^-scale ({@link PackedNumbers}: base 46, no separators), scale being
 * the most decimals any of them needs (0 for yen, 2 for cents, at most the ledger's 4). A 7-night window
 * of amounts in cents takes about 20 characters where the decimal text took about 50.
 * <p>
 * The text keeps its length from night to night (the row is then rewritten in place, where a longer
 * row makes the database move it, or split its page, every night the window fills): the total is
 * padded with leading zero digits to the length of last night's text, and only a text that no longer
 * fits grows, by {@value #SLACK} characters more than it needs. A first text is made as long as it will be
 * once its empty nights hold as much as its largest. Padding changes no value: any reader reads it.
 * <p>
 * Tonight's spend is tonight's total less last night's; S = rest + tonight's spend. Advancing costs three
 * decimals whatever window_days is (total, rest, and the oldest night, which leaves the window next and
 * is taken out of the next rest); the other nights are copied on as they are, unread. A text is only used
 * when it is last night's and made for this window_days; otherwise (another window, a text of an earlier
 * format, which begins with a digit) the night's spend is read ({@link #fromNights}) and a new text begins.
 */
public final class RunwaySpendWindow {

    /** Longer texts (very long windows of busy accounts) are not kept: such an account's window is read. */
    public static final int MAX_TEXT = 4000;

    /** The first character: {@code SCALE_0 + scale}. */
    private static final char SCALE_0 = 'a';
    private static final int MAX_SCALE = 9;
    /** The characters a text that has to grow takes beyond what it needs, so that it does not grow again soon. */
    static final int SLACK = 2;

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
        if (carried == null || carriedAsOf == null || !carriedAsOf.plusDays(1).equals(businessDate)
                || carried.isEmpty()) {
            return null;
        }
        int scale = carried.charAt(0) - SCALE_0;
        int f1 = PackedNumbers.end(carried, 1);
        if (scale < 0 || scale > MAX_SCALE || f1 < 0 || PackedNumbers.longValue(carried, 1, f1) != windowDays) {
            return null; // another window, or a text of an earlier format (a decimal text)
        }
        int f2 = PackedNumbers.end(carried, f1);
        int f3 = f2 < 0 ? -1 : PackedNumbers.end(carried, f2);
        if (f3 < 0 || PackedNumbers.count(carried, f3) != windowDays - 1) {
            return null;
        }
        BigDecimal tonight = totalDebits.subtract(PackedNumbers.decimal(carried, f1, f2, scale));
        if (tonight.signum() < 0) {
            return null;
        }
        BigDecimal s = PackedNumbers.decimal(carried, f2, f3, scale).add(tonight);
        int tonightScale = scaleOf(totalDebits);
        if (tonightScale > MAX_SCALE) {
            return new Window(s, null); // not a ledger amount (4 decimals at most): nothing carried, read next night
        }
        if (windowDays == 1) {
            // nothing stays: rest 0, no nights
            return new Window(s, sized(text(Math.max(scale, tonightScale), 1, totalDebits, BigDecimal.ZERO),
                    carried.length()));
        }
        if (tonightScale > scale) { // a value with more decimals than the text's: written again at the new scale
            BigDecimal[] nights = nights(carried, f3, scale, windowDays); // the carried nights, then tonight
            nights[windowDays - 1] = tonight;
            return fromNights(nights, totalDebits, s, carried.length());
        }
        // the oldest carried night leaves the window next night; the others are copied on as they are
        int oldestEnd = PackedNumbers.end(carried, f3);
        BigDecimal rest = s.subtract(PackedNumbers.decimal(carried, f3, oldestEnd, scale));
        StringBuilder text = text(scale, windowDays, totalDebits, rest);
        text.append(carried, oldestEnd, carried.length());
        PackedNumbers.append(text, tonight, scale);
        return new Window(s, sized(text, carried.length()));
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
        BigDecimal[] spend = new BigDecimal[nights.length];
        BigDecimal s = BigDecimal.ZERO;
        for (int i = 0; i < nights.length; i++) {
            spend[i] = nights[i] == null ? BigDecimal.ZERO : nights[i];
            s = s.add(spend[i]);
        }
        return fromNights(spend, totalDebits, s, 0);
    }

    /** @param length the length of the text this one follows (0: none): it is kept where the new one fits */
    private static Window fromNights(BigDecimal[] nights, BigDecimal totalDebits, BigDecimal s, int length) {
        int scale = scaleOf(totalDebits);
        for (BigDecimal n : nights) {
            if (n.signum() < 0) {
                return new Window(s, null); // not spend: nothing is carried, the window is read next night
            }
            scale = Math.max(scale, scaleOf(n));
        }
        if (totalDebits.signum() < 0 || scale > MAX_SCALE) {
            return new Window(s, null);
        }
        // rest: S less the oldest night, the one that leaves the window next night
        StringBuilder text = text(scale, nights.length, totalDebits, s.subtract(nights[0]));
        int empty = 0;
        int largest = 1;
        for (int i = 1; i < nights.length; i++) {
            int before = text.length();
            PackedNumbers.append(text, nights[i], scale);
            empty += nights[i].signum() == 0 ? 1 : 0;
            largest = Math.max(largest, text.length() - before);
        }
        // as long as the text will be once the empty nights hold as much as the largest (no growing on the next nights)
        return new Window(s, sized(text, Math.max(length, text.length() + empty * (largest - 1) + SLACK)));
    }

    /**
     * The text padded to {@code length} (its total written with leading zero digits), or, when it is longer,
     * to its own length and {@link #SLACK} more; null when that is beyond {@link #MAX_TEXT}.
     */
    private static String sized(StringBuilder text, int length) {
        if (text.length() > MAX_TEXT) {
            return null;
        }
        int target = Math.min(MAX_TEXT, text.length() <= length ? length : text.length() + SLACK);
        // the total starts after the scale letter and window_days
        PackedNumbers.padWithZeros(text, PackedNumbers.end(text, 1), target - text.length());
        return text.toString();
    }

    /**
     * A carried text as {@code "w|total|rest|n1,n2,..."} (zeros empty), for people and tests; null when it
     * is not a text of this format.
     */
    public static String readable(String carried) {
        if (carried == null || carried.isEmpty() || carried.charAt(0) < SCALE_0 || carried.charAt(0) > SCALE_0 + MAX_SCALE) {
            return null;
        }
        int scale = carried.charAt(0) - SCALE_0;
        int f1 = PackedNumbers.end(carried, 1);
        int f2 = f1 < 0 ? -1 : PackedNumbers.end(carried, f1);
        int f3 = f2 < 0 ? -1 : PackedNumbers.end(carried, f2);
        int count = f3 < 0 ? -1 : PackedNumbers.count(carried, f3);
        if (count < 0 || count != PackedNumbers.longValue(carried, 1, f1) - 1) {
            return null;
        }
        StringBuilder out = new StringBuilder().append(PackedNumbers.longValue(carried, 1, f1)).append('|')
                .append(plain(PackedNumbers.decimal(carried, f1, f2, scale))).append('|')
                .append(plain(PackedNumbers.decimal(carried, f2, f3, scale))).append('|');
        BigDecimal[] nights = nights(carried, f3, scale, count + 1);
        for (int i = 0; i < count; i++) {
            out.append(i == 0 ? "" : ",").append(plain(nights[i]));
        }
        return out.toString();
    }

    /** The carried nights from {@code from} on, in a window-sized array with its last place left empty. */
    private static BigDecimal[] nights(String carried, int from, int scale, int windowDays) {
        BigDecimal[] nights = new BigDecimal[windowDays];
        for (int i = 0, at = from; i < windowDays - 1; i++) {
            int end = PackedNumbers.end(carried, at);
            nights[i] = PackedNumbers.decimal(carried, at, end, scale);
            at = end;
        }
        return nights;
    }

    private static StringBuilder text(int scale, int windowDays, BigDecimal totalDebits, BigDecimal rest) {
        StringBuilder text = new StringBuilder(32).append((char) (SCALE_0 + scale));
        PackedNumbers.append(text, windowDays);
        PackedNumbers.append(text, totalDebits, scale);
        PackedNumbers.append(text, rest, scale);
        return text;
    }

    /** The decimals {@code v} needs (0 for a whole number). */
    private static int scaleOf(BigDecimal v) {
        return v.signum() == 0 ? 0 : Math.max(0, v.stripTrailingZeros().scale());
    }

    private static String plain(BigDecimal v) {
        return v.signum() == 0 ? "" : v.stripTrailingZeros().toPlainString();
    }
}
