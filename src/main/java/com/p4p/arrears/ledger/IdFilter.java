package com.p4p.arrears.ledger;

/**
 * A Bloom filter of ids: "certainly not in the set" or "maybe". Posting keeps one of the ids held in
 * suspense, so only the few ids it cannot rule out are looked up in suspense_item, not every row's.
 * A false "maybe" costs a lookup, never a wrong answer; ids are only ever added (an id that leaves
 * suspense, or a rolled-back chunk's, stays a harmless "maybe"). Bits come from a 64-bit hash of the
 * whole id ({@link IdHash#of64}), so distinct ids share a "maybe" only by the filter's own odds.
 */
public final class IdFilter {

    private static final int HASHES = 5;
    private final long[] bits;
    private final long mask;

    /** A filter sized for about {@code expected} ids at about 1% false positives (at least 64 KB). */
    public IdFilter(long expected) {
        long wanted = Math.max(1L << 19, Long.highestOneBit(Math.max(1, expected) * 10) << 1);
        long size = Math.min(wanted, 1L << 34);
        bits = new long[(int) (size >>> 6)];
        mask = size - 1;
    }

    public void add(String id) {
        long h1 = IdHash.of64(id);
        long h2 = IdHash.spread(h1 ^ 0xC2B2AE3D27D4EB4FL) | 1;
        for (int i = 0; i < HASHES; i++) {
            long bit = (h1 + i * h2) & mask;
            bits[(int) (bit >>> 6)] |= 1L << bit;
        }
    }

    public boolean mightContain(String id) {
        long h1 = IdHash.of64(id);
        long h2 = IdHash.spread(h1 ^ 0xC2B2AE3D27D4EB4FL) | 1;
        for (int i = 0; i < HASHES; i++) {
            long bit = (h1 + i * h2) & mask;
            if ((bits[(int) (bit >>> 6)] & (1L << bit)) == 0) {
                return false;
            }
        }
        return true;
    }
}
