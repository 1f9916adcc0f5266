package com.p4p.arrears.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.batch.infrastructure.item.ExecutionContext;

/**
 * The reader of a chunk step: data rows only (never header or trailer), and a restart continues at
 * exactly the next unread row (SPEC 9: the end state equals that of a run that never failed).
 */
class CsvRowReaderTest {

    @TempDir
    Path dir;

    /** Lines: 1 header, 2 C1, 3 blank, 4-5 C2 (quoted value over two lines), 6 C3 malformed, 7 C4, 8 C5, 9 trailer. */
    private static final String MIXED = Rows.SPEND_HEADER + "\n"
            + "C1,A1,K1,2024-03-15,1,1.00,USD\n"
            + "\n"
            + "C2,A1,\"K\n2\",2024-03-15,2,2.00,USD\n"
            + "C3,A1,K\"3,2024-03-15,3,3.00,USD\n"
            + "C4,A1,K4,2024-03-15,4,4.00,USD\n"
            + "C5,A1,\"K5,2024-03-15,5,5.00,USD\n"
            + "TRAILER,5,7.00\n";

    private Path spend(String text) throws IOException {
        Path f = dir.resolve("spend_20240315.csv");
        Files.writeString(f, text, StandardCharsets.UTF_8);
        return f;
    }

    private static List<InputRow> readAll(CsvRowReader reader) throws IOException {
        List<InputRow> rows = new ArrayList<>();
        for (InputRow r = reader.read(); r != null; r = reader.read()) {
            rows.add(r);
        }
        return rows;
    }

    private static List<Long> lines(List<InputRow> rows) {
        return rows.stream().map(InputRow::lineNumber).toList();
    }

    private List<InputRow> readUninterrupted(Path f) throws IOException {
        CsvRowReader reader = new CsvRowReader(Source.SPEND, f);
        reader.open(new ExecutionContext());
        try {
            return readAll(reader);
        } finally {
            reader.close();
        }
    }

    /** Reads n rows with a fresh reader opened on the context, saves its position into it, closes. */
    private List<InputRow> readChunk(Path f, ExecutionContext context, int n) throws IOException {
        CsvRowReader reader = new CsvRowReader(Source.SPEND, f);
        reader.open(context);
        List<InputRow> rows = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            InputRow r = reader.read();
            if (r == null) {
                break;
            }
            rows.add(r);
        }
        reader.update(context);
        reader.close();
        return rows;
    }

    @Test
    void readsDataRowsWithoutHeaderOrTrailer() throws IOException {
        List<InputRow> rows = readUninterrupted(spend(MIXED));

        assertThat(lines(rows)).containsExactly(2L, 4L, 6L, 7L, 8L);
        assertThat(rows.get(0).get("charge_id")).isEqualTo("C1");
        assertThat(rows.get(1).get("campaign_id")).isEqualTo("K\n2");
        assertThat(rows.get(1).get("amount")).isEqualTo("2.00");
        assertThat(rows.get(2).record().malformed()).isTrue();
        assertThat(rows.get(2).record().raw()).isEqualTo("C3,A1,K\"3,2024-03-15,3,3.00,USD");
        assertThat(rows.get(3).get("charge_id")).isEqualTo("C4");
        assertThat(rows.get(4).record().malformed()).isTrue();
        assertThat(rows).noneMatch(r -> "TRAILER".equals(r.record().raw().split(",")[0]));
    }

    @Test
    void readAfterTheEndKeepsReturningNull() throws IOException {
        CsvRowReader reader = new CsvRowReader(Source.SPEND, spend(MIXED));
        reader.open(new ExecutionContext());
        readAll(reader);
        assertThat(reader.read()).isNull();
        assertThat(reader.read()).isNull();
        reader.close();
    }

    @Test
    void headerAndTrailerOnlyFileHasNoRows() throws IOException {
        assertThat(readUninterrupted(spend(Rows.SPEND_HEADER + "\nTRAILER,0,0\n"))).isEmpty();
    }

    @Test
    void headerFieldsAreFoundByNameInAnyOrder() throws IOException {
        Path f = spend("amount,note,charge_id,account_id,campaign_id,charge_date,clicks,currency\n"
                + "9.99,\"x, y\",C1,A1,K1,2024-03-15,7,USD\nTRAILER,1,9.99\n");

        InputRow row = readUninterrupted(f).get(0);

        assertThat(row.get("charge_id")).isEqualTo("C1");
        assertThat(row.get("amount")).isEqualTo("9.99");
        assertThat(row.get("clicks")).isEqualTo("7");
        assertThat(row.header().width()).isEqualTo(8);
    }

    @Test
    void restartContinuesAtExactlyTheNextRow() throws IOException {
        Path f = spend(Rows.SPEND_HEADER + "\n"
                + "C1,A1,K1,2024-03-15,1,1.00,USD\n"
                + "C2,A1,K1,2024-03-15,1,1.00,USD\n"
                + "\n\n"
                + "C3,A1,K1,2024-03-15,1,1.00,USD\n"
                + "C4,A1,K1,2024-03-15,1,1.00,USD\n"
                + "C5,A1,K1,2024-03-15,1,1.00,USD\n"
                + "TRAILER,5,5.00\n");
        ExecutionContext context = new ExecutionContext();

        List<InputRow> first = readChunk(f, context, 2);
        assertThat(lines(first)).containsExactly(2L, 3L);
        assertThat(context.getLong(CsvRowReader.POSITION_KEY)).isEqualTo(6L);

        CsvRowReader restarted = new CsvRowReader(Source.SPEND, f);
        restarted.open(context);
        List<InputRow> rest = readAll(restarted);
        restarted.close();

        assertThat(lines(rest)).containsExactly(6L, 7L, 8L);
        assertThat(rest).extracting(r -> r.get("charge_id")).containsExactly("C3", "C4", "C5");
    }

    @Test
    void positionIsSavedUnderTheDocumentedKey() throws IOException {
        ExecutionContext context = new ExecutionContext();
        readChunk(spend(MIXED), context, 1);

        assertThat(CsvRowReader.POSITION_KEY).isEqualTo("csv.next.line");
        assertThat(context.getLong("csv.next.line")).isEqualTo(4L);
    }

    @Test
    void restartJustBeforeAMultiLineRow() throws IOException {
        Path f = spend(MIXED);
        ExecutionContext context = new ExecutionContext();
        readChunk(f, context, 1);

        List<InputRow> rest = readChunk(f, context, 10);

        assertThat(lines(rest)).containsExactly(4L, 6L, 7L, 8L);
        assertThat(rest.get(0).get("campaign_id")).isEqualTo("K\n2");
    }

    @Test
    void restartJustAfterAMultiLineRow() throws IOException {
        Path f = spend(MIXED);
        ExecutionContext context = new ExecutionContext();
        assertThat(lines(readChunk(f, context, 2))).containsExactly(2L, 4L);

        List<InputRow> rest = readChunk(f, context, 10);

        assertThat(lines(rest)).containsExactly(6L, 7L, 8L);
        assertThat(rest.get(0).record().malformed()).isTrue();
        assertThat(rest.get(1).get("charge_id")).isEqualTo("C4");
    }

    @Test
    void restartJustAfterAMalformedRow() throws IOException {
        Path f = spend(MIXED);
        ExecutionContext context = new ExecutionContext();
        assertThat(lines(readChunk(f, context, 3))).containsExactly(2L, 4L, 6L);

        List<InputRow> rest = readChunk(f, context, 10);

        assertThat(lines(rest)).containsExactly(7L, 8L);
        assertThat(rest.get(0).get("charge_id")).isEqualTo("C4");
    }

    @Test
    void restartJustBeforeAnUnterminatedQuoteStillSkipsOnlyItsLine() throws IOException {
        Path f = spend(MIXED);
        ExecutionContext context = new ExecutionContext();
        assertThat(lines(readChunk(f, context, 4))).containsExactly(2L, 4L, 6L, 7L);
        assertThat(context.getLong(CsvRowReader.POSITION_KEY)).isEqualTo(8L);

        List<InputRow> rest = readChunk(f, context, 10);

        assertThat(lines(rest)).containsExactly(8L);
        assertThat(rest.get(0).record().malformed()).isTrue();
        assertThat(rest.get(0).record().raw()).isEqualTo("C5,A1,\"K5,2024-03-15,5,5.00,USD");
    }

    @Test
    void restartAfterTheLastDataRowNeverReturnsTheTrailer() throws IOException {
        Path f = spend(MIXED);
        ExecutionContext context = new ExecutionContext();
        assertThat(readChunk(f, context, 5)).hasSize(5);

        assertThat(readChunk(f, context, 10)).isEmpty();
    }

    @Test
    void restartAfterTheEndReturnsNothing() throws IOException {
        Path f = spend(MIXED);
        ExecutionContext context = new ExecutionContext();
        assertThat(readChunk(f, context, 100)).hasSize(5);

        assertThat(readChunk(f, context, 10)).isEmpty();
        assertThat(readChunk(f, context, 10)).isEmpty();
    }

    @Test
    void anyChunkSizeWithRestartsReadsTheSameRowsAsOneUninterruptedRead() throws IOException {
        Path f = spend(MIXED.replace("TRAILER", "\n  \nC6,A1,\"a \"\"q\"\"\n\nb\",2024-03-15,6,6.00,USD\nC7,A1,K7,2024-03-15,7,7.00,USD\nTRAILER"));
        List<InputRow> expected = readUninterrupted(f);
        assertThat(lines(expected)).containsExactly(2L, 4L, 6L, 7L, 8L, 11L, 14L);
        assertThat(expected.get(5).get("campaign_id")).isEqualTo("a \"q\"\n\nb");

        for (int chunk = 1; chunk <= 8; chunk++) {
            ExecutionContext context = new ExecutionContext();
            List<InputRow> got = new ArrayList<>();
            for (int guard = 0; guard < 20; guard++) {
                List<InputRow> part = readChunk(f, context, chunk);
                got.addAll(part);
                if (part.size() < chunk) {
                    break;
                }
            }
            assertThat(lines(got)).as("chunk size %d", chunk).isEqualTo(lines(expected));
            assertThat(got).extracting(r -> r.record().raw()).as("chunk size %d", chunk)
                    .isEqualTo(expected.stream().map(r -> r.record().raw()).toList());
        }
    }

    @Test
    void restartOfAFileWithBomAndCrlf() throws IOException {
        String text = "\uFEFF" + MIXED.replace("\n", "\r\n");
        Path f = dir.resolve("spend_20240315.csv");
        Files.writeString(f, text, StandardCharsets.UTF_8);
        ExecutionContext context = new ExecutionContext();

        List<InputRow> first = readChunk(f, context, 2);
        List<InputRow> rest = readChunk(f, context, 10);

        assertThat(first.get(0).get("charge_id")).isEqualTo("C1");
        assertThat(lines(first)).containsExactly(2L, 4L);
        assertThat(lines(rest)).containsExactly(6L, 7L, 8L);
        assertThat(rest.get(1).get("currency")).isEqualTo("USD");
    }
}
