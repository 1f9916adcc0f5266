package com.p4p.arrears.report;

import java.time.LocalDate;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Comparator;

import com.p4p.arrears.policy.Policy;

/** How outputs render values (SPEC 8). */
public final class Formats {

    /** Text by byte order: every id and code is ASCII, where UTF-16 order is byte order. */
    public static final Comparator<String> BYTE_ORDER = Comparator.naturalOrder();

    private Formats() {
    }

    /** An amount with exactly the currency's minor digits; BigDecimal has no negative zero. */
    public static String money(BigDecimal amount, int minorDigits) {
        return amount == null ? "" : amount.setScale(minorDigits, RoundingMode.UNNECESSARY).toPlainString();
    }

    public static String money(BigDecimal amount, String currency, Policy policy) {
        if (amount == null) {
            return "";
        }
        // A break can show an amount of another currency than its own (a conflicting re-delivery in
        // another currency): it keeps the digits it needs rather than being rounded.
        int needed = Math.max(amount.stripTrailingZeros().scale(), 0);
        int digits = policy.currency(currency).map(c -> c.minorDigits()).orElse(needed);
        return money(amount, Math.max(digits, needed));
    }

    public static String date(LocalDate date) {
        return date == null ? "" : date.toString();
    }

    /** A plain decimal without needless trailing zeros beyond what its inputs carried. */
    public static String plain(BigDecimal value) {
        return value == null ? "0" : value.toPlainString();
    }
}
