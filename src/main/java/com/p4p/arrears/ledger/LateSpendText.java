package com.p4p.arrears.ledger;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;

/**
 * account_day_delta.late_spend (V13): the spend a run posted to an account that was charged before the
 * run's business date, per charge date, as {@code 2026-11-01 12.5;2026-11-03 4} (dates ascending, amounts
 * as plain decimals). The ageing carries an account's kept tail through such late charges with it rather
 * than reading the account's unpaid stretch again ({@code arrears.KeptTail}). A list longer than
 * {@value #MAX_LENGTH} characters is not recorded (NULL): the tail is then read again, which costs rows,
 * never the answer. Plain Java.
 */
public final class LateSpendText {

    /** The column's width. */
    public static final int MAX_LENGTH = 400;

    private LateSpendText() {
    }

    /**
     * Each account's text, from late spend in account then charge date order ({@link DayPostings#lateSpend});
     * accounts whose list does not fit are absent.
     */
    public static Map<String, String> byAccount(List<DayPostings.LateSpend> late) {
        Map<String, String> out = new HashMap<>();
        StringBuilder text = new StringBuilder();
        String account = null;
        for (DayPostings.LateSpend l : late) {
            if (!l.accountId().equals(account)) {
                put(out, account, text);
                account = l.accountId();
                text.setLength(0);
            }
            text.append(text.isEmpty() ? "" : ";").append(l.chargeDate()).append(' ')
                    .append(l.amount().stripTrailingZeros().toPlainString());
        }
        put(out, account, text);
        return out;
    }

    private static void put(Map<String, String> out, String account, CharSequence text) {
        if (account != null && text.length() <= MAX_LENGTH) {
            out.put(account, text.toString());
        }
    }

    /** The spend per charge date a text holds (empty for an empty text). */
    public static NavigableMap<LocalDate, BigDecimal> parse(String text) {
        NavigableMap<LocalDate, BigDecimal> out = new TreeMap<>();
        if (text.isEmpty()) {
            return out;
        }
        for (String part : text.split(";")) {
            int space = part.indexOf(' ');
            out.merge(LocalDate.parse(part.substring(0, space)), new BigDecimal(part.substring(space + 1)), BigDecimal::add);
        }
        return out;
    }
}
