package com.p4p.arrears.arrears;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

/** Numbers written one after the other must read back exactly, whatever their size, and stay short. */
class PackedNumbersTest {

    @Test
    void numbersWrittenInARowReadBackExactlyAtTheEdgesOfEveryDigitCount() {
        List<BigInteger> values = new ArrayList<>();
        BigInteger base = BigInteger.valueOf(PackedNumbers.BASE);
        for (int digits = 0; digits <= 20; digits++) {
            BigInteger p = base.pow(digits);
            values.add(p.subtract(BigInteger.ONE).max(BigInteger.ZERO));
            values.add(p);
        }
        values.add(BigInteger.valueOf(Long.MAX_VALUE));
        values.add(BigInteger.valueOf(Long.MAX_VALUE).add(BigInteger.ONE));
        values.add(new BigInteger("100000000000000000000").multiply(BigInteger.TEN.pow(4))); // 10^20 at 4 decimals
        StringBuilder text = new StringBuilder();
        for (BigInteger v : values) {
            PackedNumbers.append(text, v);
        }
        int at = 0;
        for (BigInteger v : values) {
            int end = PackedNumbers.end(text, at);
            assertThat(PackedNumbers.decimal(text, at, end, 0)).as(v.toString()).isEqualTo(new BigDecimal(v));
            at = end;
        }
        assertThat(at).isEqualTo(text.length());
        assertThat(PackedNumbers.count(text, 0)).isEqualTo(values.size());
    }

    @Test
    void longsAndDecimalsTakeTheSameTextAsTheirWholeNumbers() {
        for (long v : new long[] {0, 1, 45, 46, 2115, 2116, 123_456_789, Long.MAX_VALUE}) {
            StringBuilder asLong = new StringBuilder();
            PackedNumbers.append(asLong, v);
            StringBuilder asBig = new StringBuilder();
            PackedNumbers.append(asBig, BigInteger.valueOf(v));
            assertThat(asLong.toString()).isEqualTo(asBig.toString());
            assertThat(PackedNumbers.longValue(asLong, 0, asLong.length())).isEqualTo(v == Long.MAX_VALUE ? -1 : v);
        }
        StringBuilder cents = new StringBuilder();
        PackedNumbers.append(cents, new BigDecimal("12.34"), 2);
        assertThat(cents).hasSize(2); // 1234 < 46^2
        assertThat(PackedNumbers.decimal(cents, 0, 2, 2)).isEqualTo(new BigDecimal("12.34"));
        StringBuilder yen = new StringBuilder();
        PackedNumbers.append(yen, new BigDecimal("1500"), 0);
        assertThat(PackedNumbers.decimal(yen, 0, yen.length(), 0)).isEqualTo(new BigDecimal("1500"));
    }

    @Test
    void theTextIsPrintableAsciiThatALoadTakesAsItIs() {
        StringBuilder text = new StringBuilder();
        for (long v = 0; v < 46L * 46 * 46; v += 7) {
            PackedNumbers.append(text, v);
        }
        assertThat(text.chars().allMatch(c -> c > ' ' && c < 127 && c != '\\' && c != '\'')).isTrue();
        assertThat(text.chars().distinct().count()).isEqualTo(2L * PackedNumbers.BASE);
    }

    @Test
    void aTextCutShortOrWithOtherCharactersIsNotNumbers() {
        StringBuilder text = new StringBuilder();
        PackedNumbers.append(text, 123_456L);
        String cut = text.substring(0, text.length() - 1);
        assertThat(PackedNumbers.end(cut, 0)).isEqualTo(-1);
        assertThat(PackedNumbers.count(cut, 0)).isEqualTo(-1);
        assertThat(PackedNumbers.count(text + " ", 0)).isEqualTo(-1);
        assertThat(PackedNumbers.count("12,5", 0)).isEqualTo(-1);
        assertThat(PackedNumbers.count(text, text.length())).isZero();
    }
}
