package com.p4p.arrears.credit;

import java.math.BigDecimal;
import java.util.List;

/** Metro 2 account status codes as credit bureaus expect them (SPEC 7). */
public final class CreditStatus {

    /** Current: nothing reportable is past due. */
    public static final String CURRENT = "11";

    /** Least to most severe; a code's index is its severity. */
    private static final List<String> BY_SEVERITY = List.of("11", "71", "78", "80", "82", "83", "84");

    private CreditStatus() {
    }

    /**
     * The status an account earns today: 11 when owed is below the currency's credit_min_owed or
     * less than 30 days past due, else the code of its 30-day bucket (84 from 180 days on).
     */
    public static String of(BigDecimal owed, int daysPastDue, BigDecimal creditMinOwed) {
        if (owed.compareTo(creditMinOwed) < 0 || daysPastDue < 30) {
            return CURRENT;
        }
        if (daysPastDue < 60) {
            return "71";
        }
        if (daysPastDue < 90) {
            return "78";
        }
        if (daysPastDue < 120) {
            return "80";
        }
        if (daysPastDue < 150) {
            return "82";
        }
        if (daysPastDue < 180) {
            return "83";
        }
        return "84";
    }

    /** 0 for 11 up to 6 for 84; codes are compared by severity, not as text. */
    public static int severity(String code) {
        int i = BY_SEVERITY.indexOf(code);
        if (i < 0) {
            throw new IllegalArgumentException("not a Metro 2 status code this product reports: " + code);
        }
        return i;
    }

    /** True when {@code code} is more severe than {@code than}. */
    public static boolean isWorse(String code, String than) {
        return severity(code) > severity(than);
    }
}
