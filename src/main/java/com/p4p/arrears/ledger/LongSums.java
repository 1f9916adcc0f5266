package com.p4p.arrears.ledger;

/**
 * Sums of longs by a non-negative long key, in two flat arrays (open addressing, linear probing,
 * at most half full): hundreds of thousands of keys without an object per key. Plain Java.
 */
final class LongSums {

    /** key + 1 per slot; 0 is empty. */
    private long[] keys = new long[1 << 10];
    private long[] sums = new long[1 << 10];
    private int size;

    /** Adds to the key's sum. @throws ArithmeticException when the sum overflows a long */
    void add(long key, long value) {
        if (key < 0 || key == Long.MAX_VALUE) {
            throw new IllegalArgumentException("key out of range: " + key);
        }
        if (2 * (size + 1) > keys.length) {
            grow();
        }
        int slot = find(keys, key);
        if (keys[slot] == 0) {
            keys[slot] = key + 1;
            size++;
        }
        sums[slot] = Math.addExact(sums[slot], value);
    }

    /** The key's sum, 0 when it has none. */
    long get(long key) {
        int slot = find(keys, key);
        return keys[slot] == 0 ? 0 : sums[slot];
    }

    int size() {
        return size;
    }

    interface Visitor {
        void visit(long key, long sum);
    }

    void forEach(Visitor visitor) {
        for (int slot = 0; slot < keys.length; slot++) {
            if (keys[slot] != 0) {
                visitor.visit(keys[slot] - 1, sums[slot]);
            }
        }
    }

    private static int find(long[] keys, long key) {
        int mask = keys.length - 1;
        long h = (key + 1) * 0x9E3779B97F4A7C15L;
        int slot = (int) (h ^ (h >>> 32)) & mask;
        while (keys[slot] != 0 && keys[slot] != key + 1) {
            slot = (slot + 1) & mask;
        }
        return slot;
    }

    private void grow() {
        long[] oldKeys = keys;
        long[] oldSums = sums;
        keys = new long[2 * oldKeys.length];
        sums = new long[2 * oldSums.length];
        for (int slot = 0; slot < oldKeys.length; slot++) {
            if (oldKeys[slot] != 0) {
                int to = find(keys, oldKeys[slot] - 1);
                keys[to] = oldKeys[slot];
                sums[to] = oldSums[slot];
            }
        }
    }
}
