package com.p4p.arrears.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.format.ResolverStyle;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

/**
 * FieldRules' hand-written checks against the rules as SPEC 2 states them, as regular expressions and
 * a strict yyyy-MM-dd parse: the same answer for edge cases and for many random values made of the
 * characters that matter.
 */
class FieldRulesTest {

    private static final Pattern ID = Pattern.compile("[A-Za-z0-9_.-]{1,64}");
    private static final Pattern DATE = Pattern.compile("[0-9]{4}-[0-9]{2}-[0-9]{2}");
    private static final Pattern DECIMAL = Pattern.compile("[+-]?[0-9]+(\\.[0-9]+)?");
    private static final Pattern WHOLE = Pattern.compile("[0-9]+");
    private static final DateTimeFormatter ISO = DateTimeFormatter.ofPattern("uuuu-MM-dd")
            .withResolverStyle(ResolverStyle.STRICT);

    private static LocalDate referenceDate(String value) {
        if (!DATE.matcher(value).matches()) {
            return null;
        }
        try {
            return LocalDate.parse(value, ISO);
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    private static Long referenceClicks(String value) {
        if (!WHOLE.matcher(value).matches()) {
            return null;
        }
        try {
            return Long.parseLong(value);
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private static BigDecimal referenceAmount(String value, int minorDigits) {
        if (!DECIMAL.matcher(value).matches()) {
            return null;
        }
        int point = value.indexOf('.');
        if (point >= 0 && value.length() - point - 1 > minorDigits) {
            return null;
        }
        BigDecimal amount = new BigDecimal(value);
        return amount.abs().compareTo(BigDecimal.TEN.pow(12)) < 0 ? amount : null;
    }

    private static void sameAsTheRules(String v) {
        assertThat(FieldRules.isId(v)).as("isId(%s)", v).isEqualTo(ID.matcher(v).matches());
        assertThat(FieldRules.isDecimal(v)).as("isDecimal(%s)", v).isEqualTo(DECIMAL.matcher(v).matches());
        assertThat(FieldRules.date(v)).as("date(%s)", v).isEqualTo(referenceDate(v));
        assertThat(FieldRules.clicks(v)).as("clicks(%s)", v).isEqualTo(referenceClicks(v));
        for (int minor = 0; minor <= 3; minor++) {
            assertThat(FieldRules.amount(v, minor)).as("amount(%s, %d)", v, minor).isEqualTo(referenceAmount(v, minor));
        }
    }

    @Test
    void edgeCases() {
        List<String> values = new ArrayList<>(List.of("", "A", "a", "0", "_", ".", "-", "+", "A-1", "CHG_2026.11-26",
                "A B", "A,B", "Ä1", "١٢٣", "A\t", "x".repeat(64), "x".repeat(65), "-".repeat(64),
                "2024-02-29", "2023-02-29", "2024-02-30", "2024-04-31", "2024-12-31", "2024-13-01", "2024-00-10",
                "2024-01-00", "0000-01-01", "9999-12-31", "2024-1-01", "2024-01-1", "24-01-01", "2024/01/01",
                "2024-01-01 ", " 2024-01-01", "+2024-01-01", "20240101", "2024-0a-01", "２０２４-01-01", "1900-02-29",
                "2000-02-29", "0", "00", "007", "12", "12.5", "12.50", "12.500", "+12.5", "-12.5", "+-1", "12.", ".5",
                "-.5", "1.2.3", "1e5", "1E5", "12,50", " 12.5", "12.5 ", "999999999999.99", "1000000000000",
                "-999999999999.999", "1000000000000.00", "9223372036854775807", "9223372036854775808",
                "99999999999999999999", "0.000", "-0", "+0.0", "NaN", "٣.٥"));
        values.forEach(FieldRulesTest::sameAsTheRules);
    }

    @Test
    void randomValuesOfTheCharactersThatMatter() {
        Random random = new Random(42);
        String alphabet = "0123456789-+._ aZ/,é٣";
        for (int n = 0; n < 200_000; n++) {
            int length = random.nextInt(13);
            StringBuilder v = new StringBuilder();
            for (int i = 0; i < length; i++) {
                // mostly digits, so that dates and decimals come out often enough
                v.append(random.nextInt(3) > 0 ? (char) ('0' + random.nextInt(10))
                        : alphabet.charAt(random.nextInt(alphabet.length())));
            }
            sameAsTheRules(v.toString());
        }
    }

    @Test
    void randomDatesShapedRight() {
        Random random = new Random(7);
        for (int n = 0; n < 100_000; n++) {
            String v = String.format("%04d-%02d-%02d", random.nextInt(10_000), random.nextInt(14), random.nextInt(33));
            sameAsTheRules(v);
        }
    }
}
