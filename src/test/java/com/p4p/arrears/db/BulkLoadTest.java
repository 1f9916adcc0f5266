package com.p4p.arrears.db;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.time.LocalDate;

import org.junit.jupiter.api.Test;

/** The LOAD DATA text BulkLoad builds: what the server reads back must be exactly the values given. */
class BulkLoadTest {

    @Test
    void valuesAreTabSeparatedRowsWithEscapesAndNulls() {
        BulkLoad load = new BulkLoad();
        load.text("C-1").text(null).text("a\tb\\c\nd\re\0f").text("é\t").number(0L).number(Long.valueOf(1234567890123L))
                .number((Long) null).number(-42L).endRow();
        load.date(LocalDate.of(2026, 1, 5)).date(LocalDate.of(987, 12, 31)).date(null).date(LocalDate.of(12026, 3, 4))
                .decimal(new BigDecimal("12.50")).decimal(new BigDecimal("1E+3")).decimal(null).endRow();
        assertThat(load.rows()).isEqualTo(2);
        assertThat(load.payload()).isEqualTo(
                "C-1\t\\N\ta\\tb\\\\c\\nd\\re\\0f\té\\t\t0\t1234567890123\t\\N\t-42\n"
                        + "2026-01-05\t0987-12-31\t\\N\t+12026-03-04\t12.50\t1000\t\\N\n");
    }

    @Test
    void numbersOfEveryLength() {
        BulkLoad load = new BulkLoad();
        long v = 1;
        StringBuilder expected = new StringBuilder();
        for (int digits = 1; digits <= 19; digits++) {
            load.number(v - 1).number(v);
            expected.append(v - 1).append('\t').append(v).append('\t');
            v = digits < 19 ? v * 10 : v;
        }
        load.number(Long.MAX_VALUE).endRow();
        expected.append(Long.MAX_VALUE).append('\n');
        assertThat(load.payload()).isEqualTo(expected.toString());
    }

    @Test
    void theBatchedPathReadsBackExactlyTheValuesGiven() {
        BulkLoad load = new BulkLoad();
        load.text("C-1").text(null).text("a\tb\\c\nd\re\0f").text("é\t").text("\\N").text("").number(-42L).endRow();
        load.date(LocalDate.of(2026, 1, 5)).decimal(new BigDecimal("12.50")).text(null).text("N").text("x").text("€")
                .number(7L).endRow();
        assertThat(load.values(7)).containsExactly(
                new String[]{"C-1", null, "a\tb\\c\nd\re\0f", "é\t", "\\N", "", "-42"},
                new String[]{"2026-01-05", "12.50", null, "N", "x", "€", "7"});
        assertThatThrownBy(() -> load.values(6)).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> load.values(8)).isInstanceOf(IllegalStateException.class);
    }
}
