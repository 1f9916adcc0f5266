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
}
