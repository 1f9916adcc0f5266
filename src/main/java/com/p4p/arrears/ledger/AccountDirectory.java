package com.p4p.arrears.ledger;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Every known account's currency, exact, in about 25 bytes per account (an open-addressing table over
 * the ids' bytes): what posting needs to tell a posted row from a suspended or currency-mismatched one
 * without a database lookup per row. Built once per ingestion step from the account table (which only
 * the accounts step changes, and it runs before), so it is the same answer the database would give.
 * <p>
 * With {@link DayPostings}, which indexes its per-account arrays by {@link #indexOf}, it is one of the
 * two per-account structures the pipeline keeps in memory: they grow with the number of accounts
 * (about 30 MB for a million), never with the rows of a night; above
 * {@code pipeline.posting.account-directory-max} accounts posting looks accounts up per chunk instead.
 * Ids are ASCII ({@code A-Z a-z 0-9 _ - .}, SPEC 2).
 */
public final class AccountDirectory {

    /** Length byte, currency byte and 4-byte entry number around each id's bytes. */
    private static final int ENTRY_OVERHEAD = 6;

    private final List<String> currencyCodes = new ArrayList<>();
    /** Per entry: id length, id bytes, currency index, entry number (4 bytes). */
    private byte[] arena = new byte[1 << 16];
    private int arenaSize;
    private int entries;
    /** Entry number -> the entry's offset in the arena. */
    private int[] offsets = new int[1 << 10];
    private String lastAdded;
    private boolean inIdOrder = true;
    /**
     * Slot -> the entry's offset in the arena + 1; 0 is empty. Kept at most half full. The offset
     * itself, not an entry number, so a lookup touches two places in memory (slot, entry), not three:
     * with a million accounts each is a cache miss, and lookups are per row.
     */
    private int[] slots = new int[1 << 11];

    public int size() {
        return entries;
    }

    /** Adds an account (ids are unique in the account table; a repeated id is refused). */
    public void add(String accountId, String currency) {
        if (2 * (entries + 1) > slots.length) {
            rehash(slots.length * 2);
        }
        int n = accountId.length();
        if (n == 0 || n > 255) {
            throw new IllegalArgumentException("not an account id: " + accountId);
        }
        int slot = find(accountId);
        if (slots[slot] != 0) {
            throw new IllegalArgumentException("account " + accountId + " added twice");
        }
        int c = currencyCodes.indexOf(currency);
        if (c < 0) {
            c = currencyCodes.size();
            if (c > 255) {
                throw new IllegalStateException("more than 256 currencies");
            }
            currencyCodes.add(currency);
        }
        if (arenaSize + n + ENTRY_OVERHEAD > arena.length) {
            arena = Arrays.copyOf(arena, Math.max(arena.length * 2, arenaSize + n + ENTRY_OVERHEAD));
        }
        if (entries == offsets.length) {
            offsets = Arrays.copyOf(offsets, 2 * offsets.length);
        }
        int at = arenaSize;
        arena[arenaSize++] = (byte) n;
        for (int i = 0; i < n; i++) {
            char ch = accountId.charAt(i);
            if (ch >= 0x80) {
                throw new IllegalArgumentException("not an ASCII account id: " + accountId);
            }
            arena[arenaSize++] = (byte) ch;
        }
        arena[arenaSize++] = (byte) c;
        for (int shift = 24; shift >= 0; shift -= 8) {
            arena[arenaSize++] = (byte) (entries >>> shift);
        }
        offsets[entries++] = at;
        slots[slot] = at + 1;
        if (lastAdded != null && lastAdded.compareTo(accountId) >= 0) {
            inIdOrder = false;
        }
        lastAdded = accountId;
    }

    /**
     * The account's entry number (0 to size - 1, in the order accounts were added), or -1 when no such
     * account exists: an index for per-account arrays.
     */
    public int indexOf(String accountId) {
        if (accountId.length() > 255) {
            return -1;
        }
        int e = slots[find(accountId)];
        if (e == 0) {
            return -1;
        }
        int at = e - 1 + 2 + (arena[e - 1] & 0xff);
        return (arena[at] & 0xff) << 24 | (arena[at + 1] & 0xff) << 16 | (arena[at + 2] & 0xff) << 8 | arena[at + 3] & 0xff;
    }

    /** The id of the account with this entry number. */
    public String idAt(int index) {
        int at = offsets[index];
        return new String(arena, at + 1, arena[at] & 0xff, StandardCharsets.US_ASCII);
    }

    /** The currency of the account with this entry number. */
    public String currencyOf(int index) {
        return currencyAt(offsets[index]);
    }

    /** Whether accounts were added in increasing id order (byte order), so entry numbers follow it. */
    public boolean inIdOrder() {
        return inIdOrder;
    }

    /** The account's currency, or null when no such account exists. */
    public String currency(String accountId) {
        if (accountId.length() > 255) {
            return null;
        }
        int e = slots[find(accountId)];
        if (e == 0) {
            return null;
        }
        return currencyAt(e - 1);
    }

    private String currencyAt(int at) {
        return currencyCodes.get(arena[at + 1 + (arena[at] & 0xff)] & 0xff);
    }

    /** The slot holding the id, or the empty slot where it would go. */
    private int find(String id) {
        int mask = slots.length - 1;
        int slot = hash(id) & mask;
        while (true) {
            int e = slots[slot];
            if (e == 0 || matches(e - 1, id)) {
                return slot;
            }
            slot = (slot + 1) & mask;
        }
    }

    private boolean matches(int at, String id) {
        int n = arena[at] & 0xff;
        if (n != id.length()) {
            return false;
        }
        for (int i = 0; i < n; i++) {
            if (arena[at + 1 + i] != (byte) id.charAt(i) || id.charAt(i) >= 0x80) {
                return false;
            }
        }
        return true;
    }

    /** The id's own {@link String#hashCode}, spread ({@link IdHash}). */
    private static int hash(String id) {
        return (int) IdHash.spread(id.hashCode());
    }

    /** {@link #hash} of an entry's id, from its bytes: String's hash of an ASCII string is over its bytes. */
    private int hashOfEntry(int at) {
        int n = arena[at] & 0xff;
        int h = 0;
        for (int i = 0; i < n; i++) {
            h = 31 * h + (arena[at + 1 + i] & 0xff);
        }
        return (int) IdHash.spread(h);
    }

    private void rehash(int size) {
        int[] fresh = new int[size];
        int mask = size - 1;
        for (int at = 0; at < arenaSize; at += (arena[at] & 0xff) + ENTRY_OVERHEAD) {
            int slot = hashOfEntry(at) & mask;
            while (fresh[slot] != 0) {
                slot = (slot + 1) & mask;
            }
            fresh[slot] = at + 1;
        }
        slots = fresh;
    }
}
