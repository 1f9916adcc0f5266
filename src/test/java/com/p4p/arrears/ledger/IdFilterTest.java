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
    void idsSharingTheirStringHashAreToldApart() {
        // "Aa" and "BB" (and every concatenation of them) share String.hashCode: a filter built on that
        // 32-bit hash would answer "maybe" for all of them once it held one
        IdFilter f = new IdFilter(1_000);
        f.add("AaAaAaAa");
        assertThat("AaAaAaAa".hashCode()).isEqualTo("BBBBBBBB".hashCode());
        int maybes = 0;
        for (String other : new String[]{"BBBBBBBB", "AaBBAaBB", "BBAaBBAa", "AaAaBBBB", "BBBBAaAa", "AaBBBBAa"}) {
            assertThat(other.hashCode()).isEqualTo("AaAaAaAa".hashCode());
            if (f.mightContain(other)) {
                maybes++;
            }
        }
        assertThat(maybes).as("ids sharing the String hash reported as maybe").isZero();
        assertThat(f.mightContain("AaAaAaAa")).isTrue();
    }

    @Test
    void anEmptyFilterContainsNothing() {
        IdFilter f = new IdFilter(0);
        assertThat(f.mightContain("A")).isFalse();
        assertThat(f.mightContain("")).isFalse();
    }
}
