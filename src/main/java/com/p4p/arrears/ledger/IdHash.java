package com.p4p.arrears.ledger;

/**
 * Spreads an id's own {@link String#hashCode} for the in-memory id structures (account directory,
 * suspense filter). The string caches its hash (posting's reading thread computes it for each row), so
 * a lookup costs no pass over the id; this finaliser makes every bit of it reach the bits a slot or a
 * filter bit is taken from, so that similar ids land far apart.
 */
final class IdHash {

    private IdHash() {
    }

    /**
     * A 64-bit hash of the whole id (FNV-1a over its chars, then spread), for the Bloom filters: with
     * String's 32-bit hash, ids sharing it (about 1 in 40 of 100M ids meets one) would always share a
     * "maybe", a floor under the false positives that grows with the ids held.
     */
    static long of64(String id) {
        long h = 0xCBF29CE484222325L;
        for (int i = 0; i < id.length(); i++) {
            h ^= id.charAt(i);
            h *= 0x100000001B3L;
        }
        return spread(h);
    }

    /** MurmurHash3's 64-bit finaliser: every input bit reaches every output bit (the low 32 included). */
    static long spread(long x) {
        long h = x;
        h ^= h >>> 33;
        h *= 0xFF51AFD7ED558CCDL;
        h ^= h >>> 33;
        h *= 0xC4CEB9FE1A85EC53L;
        return h ^ (h >>> 33);
    }
}
