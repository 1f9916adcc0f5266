package com.p4p.arrears.report;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;

/**
 * Every account's ledger as the nights built it, fed forward entry by entry (what-if, SPEC 11): the
 * balance, the spend per charge date and the earliest refund or chargeback date, as the close keeps
 * them in account / account_spend_day. Amounts are held as exact units of 10^-4 (the ledger's
 * DECIMAL scale) in primitive arrays: a year of a million accounts' spend days in a few GB rather
 * than a map per account.
 * <p>
 * With {@link #keepWindows} it also keeps S of SPEC 10 as the nights compute it: per account a ring of the
 * spend each of the last runs posted (by the run that posted it: late charges and spend released from
 * suspense count tonight), window_days slots, allocated for an account on its first spend.
 */
final class ReplayLedger {

    private static final int SCALE = 4;
    private static final int NONE = Integer.MAX_VALUE;

    private final Map<String, Integer> index = new HashMap<>();
    private String[] ids = new String[1024];
    private long[] balance = new long[1024];
    private int[] earliestReversal = new int[1024];
    private int[][] spendDays = new int[1024][];
    private long[][] spendAmounts = new long[1024][];
    private int[] spendSize = new int[1024];
    private int size;

    // SPEC 10: slot (epoch day mod span) holds the spend the run of that date posted; windowDay is the
    // date up to which the account's ring is current (older slots of skipped dates cleared)
    private int span;
    private long[][] window = new long[1024][];
    private int[] windowDay = new int[1024];
    private int night;

    /** Adds an account (in any order); returns its index. */
    int add(String accountId) {
        Integer known = index.get(accountId);
        if (known != null) {
            return known;
        }
        if (size == ids.length) {
            int n = size * 2;
            ids = Arrays.copyOf(ids, n);
            balance = Arrays.copyOf(balance, n);
            earliestReversal = Arrays.copyOf(earliestReversal, n);
            spendDays = Arrays.copyOf(spendDays, n);
            spendAmounts = Arrays.copyOf(spendAmounts, n);
            spendSize = Arrays.copyOf(spendSize, n);
            window = Arrays.copyOf(window, n);
            windowDay = Arrays.copyOf(windowDay, n);
        }
        ids[size] = accountId;
        earliestReversal[size] = NONE;
        index.put(accountId, size);
        return size++;
    }

    /** Keep the spend of the last {@code span} runs per account (the longest window_days of the policies; 0: none). */
    void keepWindows(int span) {
        this.span = span;
    }

    /** The run whose entries are posted next, and whose window {@link #windowSpend} then reads. */
    void night(LocalDate businessDate) {
        int day = (int) businessDate.toEpochDay();
        if (size > 0 && day < night) {
            throw new IllegalStateException("nights replayed out of order: " + businessDate);
        }
        night = day;
    }

    /**
     * S: the spend the runs of the {@code windowDays} dates up to tonight posted to the account (dates without a
     * run, or before its first spend, count as none); null when it never spent.
     */
    BigDecimal windowSpend(int i, int windowDays) {
        if (windowDays > span) {
            throw new IllegalArgumentException("window of " + windowDays + " days, but " + span + " kept");
        }
        if (window[i] == null) {
            return null;
        }
        long[] ring = ring(i);
        long s = 0;
        for (int k = 0; k < windowDays; k++) {
            s = Math.addExact(s, ring[Math.floorMod(night - k, span)]);
        }
        return BigDecimal.valueOf(s, SCALE);
    }

    /** The account's ring brought up to tonight: the slots of the dates since it was last current are cleared. */
    private long[] ring(int i) {
        long[] ring = window[i];
        if (ring == null) {
            window[i] = ring = new long[span];
        } else {
            int gap = night - windowDay[i];
            if (gap >= span) {
                Arrays.fill(ring, 0);
            } else {
                for (int k = 1; k <= gap; k++) {
                    ring[Math.floorMod(windowDay[i] + k, span)] = 0;
                }
            }
        }
        windowDay[i] = night;
        return ring;
    }

    int size() {
        return size;
    }

    String id(int i) {
        return ids[i];
    }

    void post(String accountId, String entryType, LocalDate entryDate, BigDecimal amount) {
        Integer i = index.get(accountId);
        if (i == null) {
            throw new IllegalStateException("ledger entry for account " + accountId + ", which the account table does not know");
        }
        long units = amount.movePointRight(SCALE).longValueExact();
        switch (entryType) {
            case "SPEND" -> {
                balance[i] = Math.subtractExact(balance[i], units);
                addSpend(i, (int) entryDate.toEpochDay(), units);
                if (span > 0) { // posted by tonight's run, whatever its charge date
                    long[] ring = ring(i);
                    int slot = Math.floorMod(night, span);
                    ring[slot] = Math.addExact(ring[slot], units);
                }
            }
            case "PAYMENT" -> balance[i] = Math.addExact(balance[i], units);
            case "REFUND", "CHARGEBACK" -> {
                balance[i] = Math.subtractExact(balance[i], units);
                earliestReversal[i] = Math.min(earliestReversal[i], (int) entryDate.toEpochDay());
            }
            default -> throw new IllegalStateException("ledger entry of unknown type " + entryType);
        }
    }

    private void addSpend(int i, int day, long units) {
        int[] days = spendDays[i];
        int n = spendSize[i];
        if (days == null) {
            spendDays[i] = days = new int[4];
            spendAmounts[i] = new long[4];
        }
        // charges arrive mostly in date order: look from the end
        int at = n > 0 && days[n - 1] < day ? -(n + 1) : Arrays.binarySearch(days, 0, n, day);
        if (at >= 0) {
            spendAmounts[i][at] = Math.addExact(spendAmounts[i][at], units);
            return;
        }
        int pos = -at - 1;
        if (n == days.length) {
            spendDays[i] = days = Arrays.copyOf(days, n * 2);
            spendAmounts[i] = Arrays.copyOf(spendAmounts[i], n * 2);
        }
        System.arraycopy(days, pos, days, pos + 1, n - pos);
        System.arraycopy(spendAmounts[i], pos, spendAmounts[i], pos + 1, n - pos);
        days[pos] = day;
        spendAmounts[i][pos] = units;
        spendSize[i] = n + 1;
    }

    BigDecimal balance(int i) {
        return BigDecimal.valueOf(balance[i], SCALE);
    }

    boolean owes(int i) {
        return balance[i] < 0;
    }

    LocalDate earliestReversal(int i) {
        return earliestReversal[i] == NONE ? null : LocalDate.ofEpochDay(earliestReversal[i]);
    }

    /** The account's spend per charge date, as the ageing reads it. */
    NavigableMap<LocalDate, BigDecimal> spendByChargeDate(int i) {
        NavigableMap<LocalDate, BigDecimal> out = new TreeMap<>();
        for (int k = 0; k < spendSize[i]; k++) {
            out.put(LocalDate.ofEpochDay(spendDays[i][k]), BigDecimal.valueOf(spendAmounts[i][k], SCALE));
        }
        return out;
    }
}
