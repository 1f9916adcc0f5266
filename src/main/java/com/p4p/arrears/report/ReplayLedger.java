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
        }
        ids[size] = accountId;
        earliestReversal[size] = NONE;
        index.put(accountId, size);
        return size++;
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
