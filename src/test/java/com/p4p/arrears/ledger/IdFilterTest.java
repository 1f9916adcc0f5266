package com.p4p.arrears.ledger;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class IdFilterTest {

    @Test
    void neverForgetsAnIdAndRarelyClaimsOneItWasNotGiven() {
        IdFilter f = new IdFilter(50_000);
        for (int i = 0; i < 50_000; i++) {
            f.add("CHG-" + i);
        }
        for (int i = 0; i < 50_000; i++) {
            assertThat(f.mightContain("CHG-" + i)).isTrue();
        }
        int falsePositives = 0;
        for (int i = 50_000; i < 150_000; i++) {
            if (f.mightContain("CHG-" + i)) {
                falsePositives++;
            }
        }
        assertThat(falsePositives).as("false positives in 100000").isLessThan(1_000);
    }

    @Test
    void anEmptyFilterContainsNothing() {
        IdFilter f = new IdFilter(0);
        assertThat(f.mightContain("A")).isFalse();
        assertThat(f.mightContain("")).isFalse();
    }
}
