package com.p4p.arrears.ops.bench;

import java.util.SplittableRandom;
import java.util.UUID;

/**
 * The generator's charge and payment ids in one of two shapes (issue 14, the ledger's unique key):
 * {@code ordered}, a date and a counter ({@code CHG-20261126-000000001}), which sort in the order they
 * arrive, so the key only appends; or {@code random}, version-4 UUIDs, which land anywhere in the key.
 * Random ids come from a stream of their own, so both shapes generate the same rows but for the ids,
 * and the same ids for a seed.
 */
final class SourceIds {

    private final boolean random;
    private final SplittableRandom ids;

    SourceIds(String shape, long seed) {
        this.random = switch (shape) {
            case "ordered" -> false;
            case "random" -> true;
            default -> throw new IllegalArgumentException("id shape must be ordered or random, not " + shape);
        };
        this.ids = new SplittableRandom(seed ^ 0x1D5EED5L);
    }

    /** The {@code n}th id of a file of {@code day}: {@code PREFIX-yyyyMMdd-n} padded to {@code width}, or a UUID. */
    String next(String prefix, String day, long n, int width) {
        if (!random) {
            return prefix + "-" + day + "-" + NightGenerator.pad(n, width);
        }
        long high = (ids.nextLong() & ~0xF000L) | 0x4000L;                      // version 4
        long low = (ids.nextLong() & 0x3FFF_FFFF_FFFF_FFFFL) | 0x8000_0000_0000_0000L; // IETF variant
        return new UUID(high, low).toString();
    }
}
