package com.p4p.arrears.ledger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashMap;
import java.util.Map;
import java.util.Random;

import org.junit.jupiter.api.Test;

class LongSumsTest {

    @Test
    void sumsPerKeyAsAHashMapWouldThroughManyResizes() {
        LongSums sums = new LongSums();
        Map<Long, Long> expected = new HashMap<>();
        Random random = new Random(7);
        for (int i = 0; i < 300_000; i++) {
            long key = random.nextInt(50_000) == 0 ? 0 : (long) random.nextInt(100_000) << 32 | random.nextInt(30);
            long value = random.nextInt(1_000_000) - 1_000;
            sums.add(key, value);
            expected.merge(key, value, Long::sum);
        }
        Map<Long, Long> actual = new HashMap<>();
        sums.forEach(actual::put);
        assertThat(actual).isEqualTo(expected);
        assertThat(sums.size()).isEqualTo(expected.size());
        expected.forEach((key, sum) -> assertThat(sums.get(key)).as("key %d", key).isEqualTo(sum));
        assertThat(sums.get(1L << 40)).as("a key never added").isZero();
    }

    @Test
    void anOverflowingSumIsAnErrorNotAWrongSum() {
        LongSums sums = new LongSums();
        sums.add(5, Long.MAX_VALUE);
        assertThatThrownBy(() -> sums.add(5, 1)).isInstanceOf(ArithmeticException.class);
    }
}
