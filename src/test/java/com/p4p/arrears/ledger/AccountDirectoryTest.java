package com.p4p.arrears.ledger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;


import org.junit.jupiter.api.Test;

class AccountDirectoryTest {

    @Test
    void answersExactlyWhatWasAddedAndNothingElse() {
        AccountDirectory d = new AccountDirectory();
        String[] currencies = {"USD", "EUR", "CNY", "JPY"};
        for (int i = 0; i < 200_000; i++) {
            d.add("ACC" + i, currencies[i % 4]);
        }
        assertThat(d.size()).isEqualTo(200_000);
        for (int i = 0; i < 200_000; i++) {
            assertThat(d.currency("ACC" + i)).isEqualTo(currencies[i % 4]);
            assertThat(d.currency("ACC" + (i + 200_000))).isNull();
        }
        assertThat(d.currency("acc1")).as("ids are case-sensitive").isNull();
        assertThat(d.currency("ACC1 ")).isNull();
        assertThat(d.currency("ACC")).isNull();
        assertThat(d.currency("")).isNull();
        assertThat(d.currency("ÄCC1")).isNull();
        assertThat(d.currency("A".repeat(300))).isNull();
    }

    @Test
    void idsWithTheSameStringHashAreDifferentAccounts() {
        // lookups start from String.hashCode, under which "Aa" and "BB" (and their concatenations) collide
        AccountDirectory d = new AccountDirectory();
        assertThat("AaAa".hashCode()).isEqualTo("BBBB".hashCode()).isEqualTo("AaBB".hashCode());
        d.add("AaAa", "USD");
        d.add("BBBB", "EUR");
        assertThat(d.currency("AaAa")).isEqualTo("USD");
        assertThat(d.currency("BBBB")).isEqualTo("EUR");
        assertThat(d.currency("AaBB")).isNull();
        assertThat(d.indexOf("BBBB")).isEqualTo(1);
    }

    @Test
    void idsThatDifferOnlyInLengthOrCaseAreDifferentAccounts() {
        AccountDirectory d = new AccountDirectory();
        d.add("A1", "USD");
        d.add("a1", "EUR");
        d.add("A1.", "JPY");
        assertThat(d.currency("A1")).isEqualTo("USD");
        assertThat(d.currency("a1")).isEqualTo("EUR");
        assertThat(d.currency("A1.")).isEqualTo("JPY");
        assertThat(d.currency("A")).isNull();
    }

    @Test
    void anAccountAddedTwiceIsRefused() {
        AccountDirectory d = new AccountDirectory();
        d.add("A1", "USD");
        assertThatThrownBy(() -> d.add("A1", "USD")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void entryNumbersIndexEveryAccountOnceAndGiveItsIdBack() {
        AccountDirectory d = new AccountDirectory();
        for (int i = 0; i < 20_000; i++) {
            d.add(String.format("ACC%06d", i), i % 2 == 0 ? "USD" : "EUR");
        }
        for (int i = 0; i < 20_000; i++) {
            String id = String.format("ACC%06d", i);
            assertThat(d.indexOf(id)).isEqualTo(i);
            assertThat(d.idAt(i)).isEqualTo(id);
        }
        assertThat(d.indexOf("ACC020000")).isEqualTo(-1);
        assertThat(d.inIdOrder()).isTrue();
        d.add("A", "USD");
        assertThat(d.inIdOrder()).as("'A' sorts before ACC...").isFalse();
        assertThat(d.indexOf("A")).isEqualTo(20_000);
    }
}
