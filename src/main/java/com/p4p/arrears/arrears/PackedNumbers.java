package com.p4p.arrears.arrears;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.Arrays;

/**
 * Whole numbers &gt;= 0 written as short printable ASCII, one after the other with no separator: base 46,
 * most significant digit first, every digit but the last from one alphabet and the last from another, so
 * a reader knows where each number ends. 1234 takes 2 characters, 10^6 takes 4, any long at most 12 (its
 * decimal text takes up to 19, plus a separator). No backslash, quote, tab or line feed: the text goes
 * into a TSV load and an SQL string as it is.
 */
final class PackedNumbers {

    static final int BASE = 46;
    /** Digits of a number that has more to come: '!' .. 'O' without the quote. */
    private static final char[] MORE = new char[BASE];
    /** The last digit of a number: 'P' .. '~' without the backslash. */
    private static final char[] LAST = new char[BASE];
    /** Per character: its digit (0..45) when in MORE, BASE + its digit when in LAST, -1 when neither. */
    private static final byte[] DIGIT = new byte[128];
    /** Base-46 digits a long accumulator always holds: 46^11 &lt; 2^63. */
    private static final int LONG_DIGITS = 11;
    private static final BigInteger BIG_BASE = BigInteger.valueOf(BASE);

    static {
        Arrays.fill(DIGIT, (byte) -1);
        int more = 0;
        int last = 0;
        for (char c = '!'; c <= '~'; c++) {
            if (c == '\'' || c == '\\') {
                continue;
            }
            if (more < BASE) {
                DIGIT[c] = (byte) more;
                MORE[more++] = c;
            } else {
                DIGIT[c] = (byte) (BASE + last);
                LAST[last++] = c;
            }
        }
    }

    private PackedNumbers() {
    }

    /** Appends {@code v} (&gt;= 0). */
    static void append(StringBuilder to, long v) {
        if (v < 0) {
            throw new IllegalArgumentException("negative: " + v);
        }
        char[] digits = new char[12];
        int at = digits.length;
        digits[--at] = LAST[(int) (v % BASE)];
        for (long rest = v / BASE; rest > 0; rest /= BASE) {
            digits[--at] = MORE[(int) (rest % BASE)];
        }
        to.append(digits, at, digits.length - at);
    }

    /** Appends {@code v} (&gt;= 0) of any size. */
    static void append(StringBuilder to, BigInteger v) {
        if (v.bitLength() < 63) {
            append(to, v.longValue());
            return;
        }
        if (v.signum() < 0) {
            throw new IllegalArgumentException("negative: " + v);
        }
        StringBuilder reversed = new StringBuilder();
        BigInteger[] qr = v.divideAndRemainder(BIG_BASE);
        reversed.append(LAST[qr[1].intValue()]);
        for (BigInteger rest = qr[0]; rest.signum() > 0; rest = qr[0]) {
            qr = rest.divideAndRemainder(BIG_BASE);
            reversed.append(MORE[qr[1].intValue()]);
        }
        to.append(reversed.reverse());
    }

    /** Appends {@code v} (&gt;= 0) as its unscaled value at {@code scale} (v's own scale no larger). */
    static void append(StringBuilder to, BigDecimal v, int scale) {
        BigDecimal at = v.setScale(scale); // exact: throws rather than rounds
        if (at.precision() <= 18) {
            append(to, at.unscaledValue().longValue());
        } else {
            append(to, at.unscaledValue());
        }
    }

    /**
     * Writes {@code count} leading zero digits into the number starting at {@code at}: its value is the same,
     * only its text longer (so a text can keep its length from night to night: see RunwaySpendWindow).
     */
    static void padWithZeros(StringBuilder s, int at, int count) {
        char[] zeros = new char[count];
        Arrays.fill(zeros, MORE[0]);
        s.insert(at, zeros);
    }

    /** Where the number starting at {@code from} ends (exclusive), or -1 when no whole number starts there. */
    static int end(CharSequence s, int from) {
        for (int i = from; i < s.length(); i++) {
            int d = digit(s.charAt(i));
            if (d < 0) {
                return -1;
            }
            if (d >= BASE) {
                return i + 1;
            }
        }
        return -1;
    }

    /** How many numbers {@code s} holds from {@code from} to its end, or -1 when that is not whole numbers. */
    static int count(CharSequence s, int from) {
        int n = 0;
        for (int i = from; i < s.length(); i++) {
            int d = digit(s.charAt(i));
            if (d < 0) {
                return -1;
            }
            if (d >= BASE) {
                n++;
            }
        }
        return from < s.length() && digit(s.charAt(s.length() - 1)) < BASE ? -1 : n;
    }

    /**
     * The number written from {@code from} to {@code to} (as {@link #end} found it), as a long; -1 when it
     * has more digits than a long surely holds (use {@link #decimal}).
     */
    static long longValue(CharSequence s, int from, int to) {
        if (to - from > LONG_DIGITS) {
            return -1;
        }
        long v = 0;
        for (int i = from; i < to; i++) {
            v = v * BASE + digit(s.charAt(i)) % BASE;
        }
        return v;
    }

    /** The number written from {@code from} to {@code to}, divided by 10^scale. */
    static BigDecimal decimal(CharSequence s, int from, int to, int scale) {
        return to - from > LONG_DIGITS ? new BigDecimal(bigValue(s, from, to), scale)
                : BigDecimal.valueOf(longValue(s, from, to), scale);
    }

    private static BigInteger bigValue(CharSequence s, int from, int to) {
        BigInteger v = BigInteger.ZERO;
        for (int i = from; i < to; i++) {
            v = v.multiply(BIG_BASE).add(BigInteger.valueOf(digit(s.charAt(i)) % BASE));
        }
        return v;
    }

    private static int digit(char c) {
        return c < 128 ? DIGIT[c] : -1;
    }
}
