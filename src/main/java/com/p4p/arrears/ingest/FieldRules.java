package com.p4p.arrears.ingest;

import java.math.BigDecimal;
import java.time.LocalDate;

/**
 * The value rules of SPEC 2: ids, dates and amounts, taken exactly as written.
 * <p>
 * Each rule is a plain loop over the characters, no regular expression (they run for several fields
 * of every row of a night; README, Performance). The rules, as expressions: an id is
 * {@code [A-Za-z0-9_.-]{1,64}}, a date {@code [0-9]{4}-[0-9]{2}-[0-9]{2}} naming a real day, a decimal
 * {@code [+-]?[0-9]+(\.[0-9]+)?}, a whole number {@code [0-9]+}; FieldRulesTest holds the
 * implementation to those expressions.
 */
public final class FieldRules {

    private static final int ID_MAX = 64;
    private static final BigDecimal AMOUNT_LIMIT = BigDecimal.TEN.pow(12);

    private FieldRules() {
    }

    public static boolean isId(String value) {
        int n = value.length();
        if (n == 0 || n > ID_MAX) {
            return false;
        }
        for (int i = 0; i < n; i++) {
            char c = value.charAt(i);
            boolean allowed = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || isDigit(c) || c == '_' || c == '.'
                    || c == '-';
            if (!allowed) {
                return false;
            }
        }
        return true;
    }

    /** A plain decimal: optional sign, digits, optionally a point and digits (no exponent, no ".5"). */
    public static boolean isDecimal(String value) {
        int n = value.length();
        int i = n > 0 && (value.charAt(0) == '+' || value.charAt(0) == '-') ? 1 : 0;
        int integerDigits = digitsFrom(value, i);
        if (integerDigits == 0) {
            return false;
        }
        i += integerDigits;
        if (i == n) {
            return true;
        }
        return value.charAt(i) == '.' && i + 1 + digitsFrom(value, i + 1) == n && i + 1 < n;
    }

    /** The date, or null when the text is not a real yyyy-MM-dd date. */
    public static LocalDate date(String value) {
        if (value.length() != 10 || value.charAt(4) != '-' || value.charAt(7) != '-'
                || digitsFrom(value, 0) != 4 || digitsFrom(value, 5) != 2 || digitsFrom(value, 8) != 2) {
            return null;
        }
        int year = number(value, 0, 4);
        int month = number(value, 5, 7);
        int day = number(value, 8, 10);
        // strict: the month must exist, and the day in that month of that year
        if (month < 1 || month > 12 || day < 1 || day > LocalDate.of(year, month, 1).lengthOfMonth()) {
            return null;
        }
        return LocalDate.of(year, month, day);
    }

    /**
     * The amount, or null when it is not a decimal, has more decimals (as written) than the currency
     * allows, or its absolute value is not below 10^12.
     */
    public static BigDecimal amount(String value, int minorDigits) {
        if (!isDecimal(value)) {
            return null;
        }
        int point = value.indexOf('.');
        if (point >= 0 && value.length() - point - 1 > minorDigits) {
            return null;
        }
        BigDecimal amount = new BigDecimal(value);
        return amount.abs().compareTo(AMOUNT_LIMIT) < 0 ? amount : null;
    }

    /** A non-negative whole number that fits a long, or null. */
    public static Long clicks(String value) {
        if (value.isEmpty() || digitsFrom(value, 0) != value.length()) {
            return null;
        }
        try {
            return Long.parseLong(value);
        } catch (NumberFormatException e) {
            return null;
        }
    }

    /** ASCII digits only, as [0-9] in the rules (not Character.isDigit, which takes other scripts'). */
    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    /** How many digits follow in a row from index {@code from}. */
    private static int digitsFrom(String value, int from) {
        int i = from;
        while (i < value.length() && isDigit(value.charAt(i))) {
            i++;
        }
        return i - from;
    }

    /** The value of the digits in [from, to). */
    private static int number(String value, int from, int to) {
        int n = 0;
        for (int i = from; i < to; i++) {
            n = n * 10 + (value.charAt(i) - '0');
        }
        return n;
    }
}
