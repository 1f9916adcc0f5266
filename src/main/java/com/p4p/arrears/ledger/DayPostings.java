package com.p4p.arrears.ledger;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.function.Consumer;

import com.p4p.arrears.ingest.EntryType;
import com.p4p.arrears.ingest.LedgerItem;

/**
 * What one business date's postings add up to per account, kept as they commit: what the close of
 * the ledger day would otherwise sum from the day's entries (debits, credits, spend charged on the
 * date, earliest refund or chargeback date, and spend per earlier charge date). Plain Java.
 * <p>
 * Each insert comes with the ledger's highest entry id before it; its entries have higher ids. Entries
 * are added only once their transaction committed, each once, so the sums hold exactly the day's
 * entries when they hold as many entries as the ledger has after the previous close's last one and
 * none before it ({@link #covers}): an entry from anywhere else, or inserts this process did not see (a
 * restart), make the counts differ. A proof by count holds whatever order concurrent chunks (partitions)
 * take ids in and commit in; a rolled-back insert adds nothing and leaves nothing.
 * <p>
 * Amounts are exact: whole ten-thousandths (the ledger's DECIMAL scale) in longs. An amount with more
 * digits, a sum that would overflow or an account missing from the directory makes the sums
 * {@link #usable() unusable}, never wrong; the close then sums the entries in the database. Sums live
 * in flat arrays indexed by the {@link AccountDirectory}'s entry numbers (about 30 bytes per account,
 * no object per account: a million accounts cost the garbage collector nothing to keep).
 */
public final class DayPostings {

    static final int SCALE = 4;
    private static final int NO_DATE = Integer.MAX_VALUE;

    /** One account's sums, as the close writes them. */
    public record AccountDay(String accountId, String currency, BigDecimal debits, BigDecimal credits,
                             BigDecimal spendOnDate, LocalDate firstReversalDate, LocalDate firstSpendDate) {
    }

    /** Spend of an account charged on an earlier date. */
    public record LateSpend(String accountId, LocalDate chargeDate, BigDecimal amount) {
    }

    private final LocalDate businessDate;
    private final long businessDay;
    private final AccountDirectory accounts;
    private long[] debits;
    private long[] credits;
    private long[] spendOnDate;
    private int[] firstReversalDay;
    /** The earliest charge date of the account's spend posted today (the ageing's kept tail needs it). */
    private int[] firstSpendDay;
    private boolean[] moved;
    /** (account index << 32 | epoch day) -> spend charged on that earlier day. */
    private final LongSums late = new LongSums();
    private long entries;
    private boolean usable;
    private long firstEntryId = -1;

    /** @param accounts every account that can be posted to (null: none known, the sums are unusable) */
    public DayPostings(LocalDate businessDate, AccountDirectory accounts) {
        this.businessDate = businessDate;
        this.businessDay = businessDate.toEpochDay();
        this.accounts = accounts;
        this.usable = accounts != null;
        int n = accounts == null ? 0 : accounts.size();
        debits = new long[n];
        credits = new long[n];
        spendOnDate = new long[n];
        firstReversalDay = new int[n];
        Arrays.fill(firstReversalDay, NO_DATE);
        firstSpendDay = new int[n];
        Arrays.fill(firstSpendDay, NO_DATE);
        moved = new boolean[n];
    }

    public LocalDate businessDate() {
        return businessDate;
    }

    /**
     * Adds entries that were posted (committed) with this business date as their posted date.
     *
     * @param afterId the ledger's highest entry id (as the inserting transaction saw it) before they were inserted
     */
    public void add(List<LedgerItem> posted, long afterId) {
        if (!usable) {
            return;
        }
        // the lowest id any insert started after: every entry held is above it
        if (firstEntryId < 0 || afterId < firstEntryId) {
            firstEntryId = afterId;
        }
        try {
            for (LedgerItem item : posted) {
                add(item);
            }
        } catch (ArithmeticException tooLargeOrTooPrecise) {
            giveUp();
        }
    }

    private void add(LedgerItem item) {
        int a = accounts.indexOf(item.accountId());
        if (a < 0) {
            throw new ArithmeticException("account " + item.accountId() + " is not in the directory");
        }
        long amount = item.amount().movePointRight(SCALE).longValueExact();
        long day = item.entryDate().toEpochDay();
        moved[a] = true;
        EntryType type = item.type();
        if (type == EntryType.SPEND) {
            debits[a] = Math.addExact(debits[a], amount);
            firstSpendDay[a] = Math.min(firstSpendDay[a], Math.toIntExact(day));
            if (day == businessDay) {
                spendOnDate[a] = Math.addExact(spendOnDate[a], amount);
            } else {
                late.add((long) a << 32 | (Math.toIntExact(day) & 0xffffffffL), amount);
            }
        } else {
            credits[a] = Math.addExact(credits[a], type.creditSign() * amount);
            if (type.creditSign() < 0) {
                firstReversalDay[a] = Math.min(firstReversalDay[a], Math.toIntExact(day));
            }
        }
        entries++;
    }

    /**
     * Adds entries posted before the ones these sums hold, with this business date as their posted date:
     * the day's intraday lifts (SPEC 13), posted by other processes before the night. They must be all
     * the ledger holds in (afterId, the first entry id these sums start after]; then the sums start at
     * afterId. Otherwise (no entries held yet, or another range) nothing is added.
     *
     * @return whether they were added
     */
    public boolean addEarlier(List<LedgerItem> earlier, long afterId, long upToId) {
        if (!usable || entries == 0 || upToId != firstEntryId || afterId >= upToId) {
            return false;
        }
        try {
            for (LedgerItem item : earlier) {
                add(item);
            }
        } catch (ArithmeticException tooLargeOrTooPrecise) {
            giveUp();
            return false;
        }
        firstEntryId = afterId;
        return true;
    }

    /** The entry id the sums start after (-1: none held yet). */
    public long firstEntryId() {
        return firstEntryId;
    }

    /** Something was posted that these sums cannot account for: the close must sum the entries itself. */
    public void giveUp() {
        usable = false;
        debits = credits = spendOnDate = new long[0];
        firstReversalDay = firstSpendDay = new int[0];
        moved = new boolean[0];
    }

    public boolean usable() {
        return usable;
    }

    /** How many entries the sums hold. */
    public long entries() {
        return entries;
    }

    /**
     * Whether the sums hold exactly the day's entries, given the previous close's last entry id and how
     * many entries the ledger has after it.
     */
    public boolean covers(long afterId, long entriesAfter) {
        if (!usable) {
            return false;
        }
        return entries == entriesAfter && (entries == 0 || firstEntryId >= afterId);
    }

    /** Visits the accounts with postings in account id order (the byte order of the ledger's ids). */
    public void forEachAccount(Consumer<AccountDay> visitor) {
        for (int a : movedInIdOrder()) {
            visitor.accept(new AccountDay(accounts.idAt(a), accounts.currencyOf(a), money(debits[a]), money(credits[a]),
                    money(spendOnDate[a]), date(firstReversalDay[a]), date(firstSpendDay[a])));
        }
    }

    private static LocalDate date(int epochDay) {
        return epochDay == NO_DATE ? null : LocalDate.ofEpochDay(epochDay);
    }

    /**
     * The spend charged before the business date, per account and charge date, in account id order then
     * date: within a week, the order of account_spend_day's key, so that adding them touches its pages one
     * after the other (in hash order they were read at random: 87 s instead of a few for 600k rows on a
     * 1.7M-row history that the buffer pool does not hold). The close sorts them by week first.
     */
    public List<LateSpend> lateSpend() {
        long[] keys = new long[late.size()];
        int[] n = {0};
        late.forEach((key, sum) -> keys[n[0]++] = key);
        // the key is (account entry number, epoch day): its numeric order is account order when the
        // directory's entry numbers follow the ids, and then a primitive sort does
        if (accounts.inIdOrder()) {
            Arrays.sort(keys);
        } else {
            Long[] boxed = Arrays.stream(keys).boxed().toArray(Long[]::new);
            Arrays.sort(boxed, Comparator.<Long, String>comparing(k -> accounts.idAt((int) (k >>> 32)))
                    .thenComparing(Comparator.naturalOrder()));
            for (int k = 0; k < keys.length; k++) {
                keys[k] = boxed[k];
            }
        }
        List<LateSpend> out = new ArrayList<>(keys.length);
        for (long key : keys) {
            out.add(new LateSpend(accounts.idAt((int) (key >>> 32)), LocalDate.ofEpochDay((int) key), money(late.get(key))));
        }
        return out;
    }

    private int[] movedInIdOrder() {
        int count = 0;
        for (boolean m : moved) {
            count += m ? 1 : 0;
        }
        int[] out = new int[count];
        int k = 0;
        for (int a = 0; a < moved.length; a++) {
            if (moved[a]) {
                out[k++] = a;
            }
        }
        if (!accounts.inIdOrder()) {
            Integer[] boxed = Arrays.stream(out).boxed().toArray(Integer[]::new);
            Arrays.sort(boxed, Comparator.comparing(accounts::idAt));
            out = Arrays.stream(boxed).mapToInt(Integer::intValue).toArray();
        }
        return out;
    }

    private static BigDecimal money(long tenThousandths) {
        return BigDecimal.valueOf(tenThousandths, SCALE);
    }
}
