package com.p4p.arrears.ingest;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.format.ResolverStyle;
import java.util.regex.Pattern;

/** The value rules of SPEC 2: ids, dates and amounts, taken exactly as written. */
public final class FieldRules {

    private static final Pattern ID = Pattern.compile("[A-Za-z0-9_.-]{1,64}");
    private static final Pattern DATE = Pattern.compile("[0-9]{4}-[0-9]{2}-[0-9]{2}");
    private static final Pattern DECIMAL = Pattern.compile("[+-]?[0-9]+(\\.[0-9]+)?");
    private static final Pattern WHOLE = Pattern.compile("[0-9]+");
    private static final DateTimeFormatter ISO = DateTimeFormatter.ofPattern("uuuu-MM-dd").withResolverStyle(ResolverStyle.STRICT);
    private static final BigDecimal AMOUNT_LIMIT = BigDecimal.TEN.pow(12);

    private FieldRules() {
    }

    public static boolean isId(String value) {
        return ID.matcher(value).matches();
    }

    /** A plain decimal: optional sign, digits, optionally a point and digits (no exponent, no ".5"). */
    public static boolean isDecimal(String value) {
        return DECIMAL.matcher(value).matches();
    }

    /** The date, or null when the text is not a real yyyy-MM-dd date. */
    public static LocalDate date(String value) {
        if (!DATE.matcher(value).matches()) {
            return null;
        }
        try {
            return LocalDate.parse(value, ISO);
        } catch (DateTimeParseException e) {
            return null;
        }
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
        if (!WHOLE.matcher(value).matches()) {
            return null;
        }
        try {
            return Long.parseLong(value);
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
