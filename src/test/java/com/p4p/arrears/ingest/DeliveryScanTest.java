package com.p4p.arrears.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** SPEC 12: the verifying pass finds the rows that depend on an earlier row, and where ranges may start. */
class DeliveryScanTest {

    @TempDir
    Path dir;

    private DeliveryScan.Plan verify(Source source, String header, String... rows) throws IOException {
        StringBuilder text = new StringBuilder(header).append('\n');
        for (String r : rows) {
            text.append(r).append('\n');
        }
        long dataRows = Arrays.stream(rows).filter(r -> !r.isBlank()).count();
        text.append("TRAILER,").append(dataRows).append(source == Source.ACCOUNTS ? "" : ",0").append('\n');
        Path f = dir.resolve(source.code() + "_20240315.csv");
        Files.writeString(f, text, StandardCharsets.UTF_8);
        return FileVerifier.verify(source, f).plan();
    }

    private static List<Long> deferred(DeliveryScan.Plan plan) {
        return Arrays.stream(plan.deferredLines()).boxed().toList();
    }

    private static String spend(String id) {
        return id + ",A1,K1,2024-03-15,1,0,USD";
    }

    private static String payment(String id, String type, String original) {
        return id + ",A1," + type + ",0,USD,CARD,2024-03-15," + original;
    }

    @Test
    void aRepeatedIdIsDeferredButItsFirstRowIsNot() throws IOException {
        DeliveryScan.Plan p = verify(Source.SPEND, Rows.SPEND_HEADER,
                spend("C1"), spend("C2"), spend("C1"), spend("C3"), spend("C1"));

        assertThat(deferred(p)).containsExactly(4L, 6L);
    }

    @Test
    void anInvalidRowStillCountsAsSeenSoTheValidOneAfterItIsDecidedInOrder() throws IOException {
        DeliveryScan.Plan p = verify(Source.SPEND, Rows.SPEND_HEADER,
                "C1,A1,K1,not-a-date,1,0,USD", spend("C1"));

        assertThat(deferred(p)).containsExactly(3L);
    }

    @Test
    void aMalformedRowTakesNoId() throws IOException {
        DeliveryScan.Plan p = verify(Source.SPEND, Rows.SPEND_HEADER, "C1,A1,too,few", "C2,\"bad\"x,K,2024-03-15,1,0,USD",
                spend("C1"), spend("C2"));

        assertThat(deferred(p)).isEmpty();
    }

    @Test
    void aChargebackAfterItsOriginalIsDeferred() throws IOException {
        DeliveryScan.Plan p = verify(Source.PAYMENTS, Rows.PAYMENTS_HEADER,
                payment("P1", "PAYMENT", ""), payment("X", "PAYMENT", ""), payment("CB1", "CHARGEBACK", "P1"));

        assertThat(deferred(p)).containsExactly(4L);
    }

    @Test
    void anOriginalAfterItsChargebackIsDeferredAndSoIsEveryLaterRowWithItsId() throws IOException {
        DeliveryScan.Plan p = verify(Source.PAYMENTS, Rows.PAYMENTS_HEADER,
                payment("CB1", "CHARGEBACK", "P1"), payment("Q", "PAYMENT", ""), payment("P1", "PAYMENT", ""),
                payment("P1", "PAYMENT", ""));

        assertThat(deferred(p)).containsExactly(4L, 5L);
    }

    @Test
    void aChargebackWithoutItsOriginalInTheFileOrNamingItselfIsNotDeferred() throws IOException {
        DeliveryScan.Plan p = verify(Source.PAYMENTS, Rows.PAYMENTS_HEADER,
                payment("CB1", "CHARGEBACK", "OLD"), payment("CB2", "CHARGEBACK", "CB2"), payment("CB3", "CHARGEBACK", "OLD"));

        assertThat(deferred(p)).isEmpty();
    }

    @Test
    void aRefundsOriginalDoesNotMatter() throws IOException {
        DeliveryScan.Plan p = verify(Source.PAYMENTS, Rows.PAYMENTS_HEADER,
                payment("P1", "PAYMENT", ""), payment("R1", "REFUND", "P1"), payment("R2", "REFUND", "LATER"),
                payment("LATER", "PAYMENT", ""));

        assertThat(deferred(p)).isEmpty();
    }

    @Test
    void balancesRowsOfAnAccountSeenBeforeAreDeferred() throws IOException {
        DeliveryScan.Plan p = verify(Source.BALANCES, Rows.BALANCES_HEADER, "A1,0,USD", "A2,0,USD", "A1,0,USD");

        assertThat(deferred(p)).containsExactly(4L);
    }

    @Test
    void theAccountsFileIsNotPlanned() throws IOException {
        assertThat(verify(Source.ACCOUNTS, Rows.ACCOUNTS_HEADER, "A1,S1,USD,2024-01-01,N")).isNull();
    }

    @Test
    void smallFilesGetAMarkPerRowAtItsLineAndByteAndTheTrailersPosition() throws IOException {
        DeliveryScan.Plan p = verify(Source.SPEND, Rows.SPEND_HEADER, spend("C1"), "", "\"C\n2\",A1,K1,2024-03-15,1,0,USD",
                spend("C3"));
        byte[] file = Files.readAllBytes(dir.resolve("spend_20240315.csv"));

        assertThat(p.markCount()).isEqualTo(3);
        List<Long> lines = new ArrayList<>();
        for (int i = 0; i < p.markCount(); i++) {
            DeliveryScan.Mark m = p.mark(i);
            assertThat(m.ordinal()).isEqualTo(i);
            lines.add(m.line());
            assertThat(lineAt(file, m.byteOffset())).isEqualTo(m.line());
        }
        assertThat(lines).containsExactly(2L, 4L, 6L);
        assertThat(p.trailerLine()).isEqualTo(7);
        assertThat(lineAt(file, p.trailerByte())).isEqualTo(7);
    }

    /** The number of the line starting at this byte offset. */
    private static long lineAt(byte[] file, long offset) {
        assertThat(offset == 0 || file[(int) offset - 1] == '\n').as("a line starts at %d", offset).isTrue();
        long line = 1;
        for (int i = 0; i < offset; i++) {
            line += file[i] == '\n' ? 1 : 0;
        }
        return line;
    }

    @Test
    void aLargeFileKeepsBetweenHalfAndAllOfTheMarksEvenlySpaced() throws IOException {
        int rows = 3 * DeliveryScan.MAX_MARKS + 5;
        String[] body = new String[rows];
        for (int i = 0; i < rows; i++) {
            body[i] = spend("C" + i);
        }
        DeliveryScan.Plan p = verify(Source.SPEND, Rows.SPEND_HEADER, body);

        assertThat(p.markCount()).isBetween(DeliveryScan.MAX_MARKS / 2, DeliveryScan.MAX_MARKS);
        long spacing = p.mark(1).ordinal();
        for (int i = 0; i < p.markCount(); i++) {
            assertThat(p.mark(i).ordinal()).isEqualTo(i * spacing);
            assertThat(p.mark(i).line()).isEqualTo(i * spacing + 2);
        }
        assertThat(p.mark(p.markCount() - 1).ordinal()).isGreaterThan(rows - spacing - 1);
        // distinct ids: only the filter's false "maybe"s are deferred, a few
        assertThat(p.deferredCount()).isLessThan(rows / 1000);
    }
}
