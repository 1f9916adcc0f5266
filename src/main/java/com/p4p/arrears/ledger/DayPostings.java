package com.p4p.arrears.ledger;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.BiConsumer;

/**
 * The day's ledger entries summed the ways the close needs them, in one pass over entries in any
 * order: per account (debits, credits, spend charged on the business date itself, earliest refund or
 * chargeback date), per account and earlier charge date (late spend), and per currency (debits,
 * credits). Memory grows with the accounts that moved tonight, never with the entries.
 * <p>
 * A hash table here instead of SQL's GROUP BY: the database sorts ten million entries to group them
 * (20-25 s on the benchmark machine), a second time for late spend; one scan streamed here takes a few.
 */
public final class DayPostings {

    /** One account's movement of the day. */
    public static final class AccountDay {
        private BigDecimal debits = BigDecimal.ZERO;
        private BigDecimal credits = BigDecimal.ZERO;
        private BigDecimal spendOnDate = BigDecimal.ZERO;
        private LocalDate firstReversalDate;

        public BigDecimal debits() {
            return debits;
        }

        public BigDecimal credits() {
            return credits;
        }

        public BigDecimal spendOnDate() {
            return spendOnDate;
        }

        /** The earliest REFUND or CHARGEBACK date among the day's entries, or null. */
        public LocalDate firstReversalDate() {
            return firstReversalDate;
        }
    }

    /** An account's spend charged on a date before the business date, posted tonight. */
    public record LateSpend(String accountId, LocalDate chargeDate) {
    }

    private final LocalDate businessDate;
    private final Map<String, AccountDay> accounts = new HashMap<>();
    private final Map<LateSpend, BigDecimal> lateSpend = new HashMap<>();
    private final Map<String, BigDecimal[]> currencies = new TreeMap<>();
    private long entries;

    public DayPostings(LocalDate businessDate) {
        this.businessDate = businessDate;
    }

    /** Adds one entry; {@code amount} is positive, {@code type} gives its sign (SPEND debits, the rest credit). */
    public void add(String accountId, String type, LocalDate entryDate, BigDecimal amount, String currency) {
        entries++;
        AccountDay day = accounts.computeIfAbsent(accountId, id -> new AccountDay());
        BigDecimal[] totals = currencies.computeIfAbsent(currency, c -> new BigDecimal[]{BigDecimal.ZERO, BigDecimal.ZERO});
        switch (type) {
            case "SPEND" -> {
                day.debits = day.debits.add(amount);
                totals[0] = totals[0].add(amount);
                if (entryDate.equals(businessDate)) {
                    day.spendOnDate = day.spendOnDate.add(amount);
                } else {
                    lateSpend.merge(new LateSpend(accountId, entryDate), amount, BigDecimal::add);
                }
            }
            case "PAYMENT" -> {
                day.credits = day.credits.add(amount);
                totals[1] = totals[1].add(amount);
            }
            case "REFUND", "CHARGEBACK" -> {
                // a reversal takes money back from the seller: a negative credit (SPEC 4)
                day.credits = day.credits.subtract(amount);
                totals[1] = totals[1].subtract(amount);
                if (day.firstReversalDate == null || entryDate.isBefore(day.firstReversalDate)) {
                    day.firstReversalDate = entryDate;
                }
            }
            default -> throw new IllegalStateException("ledger entry of unknown type " + type + " for account " + accountId);
        }
    }

    public long entries() {
        return entries;
    }

    public int accountCount() {
        return accounts.size();
    }

    /** In account id order (byte order, as the database's ascii_bin keys): written in key order, cheaply. */
    public void forEachAccount(BiConsumer<String, AccountDay> action) {
        accounts.entrySet().stream().sorted(Map.Entry.comparingByKey())
                .forEach(e -> action.accept(e.getKey(), e.getValue()));
    }

    /** In (account id, charge date) order. */
    public void forEachLateSpend(BiConsumer<LateSpend, BigDecimal> action) {
        lateSpend.entrySet().stream()
                .sorted(Map.Entry.comparingByKey(Comparator.comparing(LateSpend::accountId)
                        .thenComparing(LateSpend::chargeDate)))
                .forEach(e -> action.accept(e.getKey(), e.getValue()));
    }

    public int lateSpendCount() {
        return lateSpend.size();
    }

    /** Debits and credits of the day per currency of the entries: {debits, credits}. */
    public Map<String, BigDecimal[]> currencies() {
        return currencies;
    }
}
