package com.p4p.arrears.ledger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

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
    void aChunksAccountsLookedUpTogetherAreWhatEachLookupSays() {
        AccountDirectory d = new AccountDirectory();
        String[] currencies = {"USD", "EUR", "CNY"};
        for (int i = 0; i < 50_000; i++) {
            d.add("A" + i, currencies[i % 3]);
        }
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 100_000; i += 7) {
            ids.add("A" + i); // half of them do not exist
        }
        ids.addAll(List.of("A1", "A1", "", "a1", "A".repeat(300), "ÄCC1"));
        Map<String, String> expected = new HashMap<>();
        ids.forEach(id -> {
            if (d.currency(id) != null) {
                expected.put(id, d.currency(id));
            }
        });
        assertThat(expected).hasSize(50_000 / 7 + 2);
        assertThat(d.currencies(ids)).isEqualTo(expected);
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
