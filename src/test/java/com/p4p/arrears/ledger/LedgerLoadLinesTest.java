package com.p4p.arrears.ledger;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import com.p4p.arrears.ingest.EntryType;
import com.p4p.arrears.ingest.LedgerItem;
import com.p4p.arrears.ingest.Source;

/** Rows encoded ahead on the reading thread load exactly as rows encoded by the writer. */
class LedgerLoadLinesTest {

    static final LocalDate D = LocalDate.of(2026, 11, 27);

    private static final List<LedgerItem> ITEMS = List.of(
            new LedgerItem(Source.SPEND, "C1", "A1", EntryType.SPEND, D, new BigDecimal("1.25"), "USD", "K\\1", 3L,
                    null, null, D, 2),
            new LedgerItem(Source.PAYMENTS, "B1", "A2", EntryType.CHARGEBACK, D.minusDays(3), new BigDecimal("20"), "EUR",
                    null, null, "carte\tbancaire é", "P1", D, 7));

    @Test
    void aPreparedLineIsTheSameBytesAsTheRowEncodedInTheChunk() {
        LedgerLoadLines ahead = new LedgerLoadLines(D);
        List<byte[]> prepared = new ArrayList<>();
        ITEMS.forEach(i -> prepared.add(ahead.apply(i))); // one buffer reused: each line must be a copy

        byte[] inChunk = LedgerLoadLines.rows(ITEMS, LedgerLoadLines::none, D).bytes();
        assertThat(LedgerLoadLines.rows(ITEMS, i -> prepared.get(ITEMS.indexOf(i)), D).bytes()).isEqualTo(inChunk);
        assertThat(LedgerLoadLines.rows(ITEMS, i -> i == ITEMS.get(0) ? prepared.get(0) : null, D).bytes())
                .isEqualTo(inChunk);
        assertThat(new String(inChunk, StandardCharsets.UTF_8)).isEqualTo(
                "spend\tC1\tA1\tSPEND\t2026-11-27\t1.25\tUSD\tK\\\\1\t3\t\\N\t\\N\t2026-11-27\t2\t2026-11-27\n"
                + "payments\tB1\tA2\tCHARGEBACK\t2026-11-24\t20\tEUR\t\\N\t\\N\tcarte\\tbancaire é\tP1\t2026-11-27\t7"
                + "\t2026-11-27\n");
    }
}
