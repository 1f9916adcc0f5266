package com.p4p.arrears.ledger;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;

import org.junit.jupiter.api.Test;

import com.p4p.arrears.ingest.EntryType;
import com.p4p.arrears.ingest.LedgerItem;
import com.p4p.arrears.ingest.Source;

/** The duplicate keys a load reports, as MariaDB and MySQL write uk_ledger_source_id (source_id, source). */
class DuplicateKeysTest {

    static final LocalDate D = LocalDate.of(2026, 11, 26);

    private static LedgerItem spend(String id, long line) {
        return new LedgerItem(Source.SPEND, id, "A1", EntryType.SPEND, D, new BigDecimal("1.00"), "USD", "K1", 1L,
                null, null, D, line);
    }

    @Test
    void theIdIsWhatPrecedesTheSourceEvenWhenItContainsDashes() {
        assertThat(DuplicateKeys.sourceId("C1-spend", Source.SPEND)).isEqualTo("C1");
        assertThat(DuplicateKeys.sourceId("CHG-2026-11-26-000042-spend", Source.SPEND)).isEqualTo("CHG-2026-11-26-000042");
        assertThat(DuplicateKeys.sourceId("-x-payments", Source.PAYMENTS)).isEqualTo("-x");
        assertThat(DuplicateKeys.sourceId("spend-spend", Source.SPEND)).isEqualTo("spend");
    }

    @Test
    void aKeyOfAnotherSourceOrInTheOtherOrderIsNotRead() {
        assertThat(DuplicateKeys.sourceId("spend-C1", Source.SPEND)).isNull();
        assertThat(DuplicateKeys.sourceId("C1-spend", Source.PAYMENTS)).isNull();
        assertThat(DuplicateKeys.sourceId("-spend", Source.SPEND)).isNull();
        assertThat(DuplicateKeys.sourceId("C1", Source.SPEND)).isNull();
    }

    @Test
    void theSkippedLinesAreThoseOfTheNamedIds() {
        List<LedgerItem> items = List.of(spend("C-1", 2), spend("C-2", 3), spend("C-1-spend", 4));
        assertThat(DuplicateKeys.skippedLines(items, Source.SPEND, List.of("C-2-spend", "C-1-spend-spend")))
                .containsExactlyInAnyOrder(3L, 4L);
        assertThat(DuplicateKeys.skippedLines(items, Source.SPEND, List.of())).isEmpty();
    }

    @Test
    void unlessEveryKeyIsADistinctIdOfTheItemsTheCallerMustLookThemUp() {
        List<LedgerItem> items = List.of(spend("C-1", 2), spend("C-2", 3));
        assertThat(DuplicateKeys.skippedLines(items, Source.SPEND, null)).isNull();
        assertThat(DuplicateKeys.skippedLines(items, Source.SPEND, List.of("C-9-spend"))).isNull();
        assertThat(DuplicateKeys.skippedLines(items, Source.SPEND, List.of("spend-C-1"))).isNull();
        assertThat(DuplicateKeys.skippedLines(items, Source.SPEND, List.of("C-1-spend", "C-1-spend"))).isNull();
    }
}
