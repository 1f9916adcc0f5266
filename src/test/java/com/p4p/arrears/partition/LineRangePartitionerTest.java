package com.p4p.arrears.partition;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.batch.infrastructure.item.ExecutionContext;

import com.p4p.arrears.ingest.CsvRowReader;
import com.p4p.arrears.ingest.DeferredRowReader;
import com.p4p.arrears.ingest.DeliveryScan;
import com.p4p.arrears.ingest.FileVerifier;
import com.p4p.arrears.ingest.InputRow;
import com.p4p.arrears.ingest.InputRows;
import com.p4p.arrears.ingest.LineRange;
import com.p4p.arrears.ingest.Source;

/**
 * SPEC 12: a file's rows split into line ranges plus its deferred rows are exactly its rows, each read
 * once and as the whole-file reader reads it, for any number of partitions; ranges are balanced and
 * restartable.
 */
class LineRangePartitionerTest {

    private static final String HEADER = "charge_id,account_id,campaign_id,charge_date,clicks,amount,currency";

    @TempDir
    Path dir;

    /** Every awkward thing at every position: repeats, a multi-line quoted row, blank lines, malformed rows. */
    private Path spendFile(int rows) throws IOException {
        StringBuilder text = new StringBuilder(HEADER).append("\r\n");
        for (int i = 0; i < rows; i++) {
            switch (i % 7) {
                case 3 -> text.append("\"C").append(i).append("\",A1,\"camp\naign\",2024-03-15,1,1.00,USD\n");
                case 4 -> text.append("\n  \nC").append(i % 11).append(",A1,K1,2024-03-15,1,1.00,USD\n"); // repeats
                case 5 -> text.append("C").append(i).append(",\"bad\"x,K1,2024-03-15,1,1.00,USD\n");
                default -> text.append("C").append(i).append(",A1,K1,2024-03-15,1,1.00,USD\r\n");
            }
        }
        text.append("TRAILER,").append(rows).append(',').append(rows / 7 * 6 + Math.min(rows % 7, 5)).append(".00\n");
        Path f = dir.resolve("spend_20240315.csv");
        Files.writeString(f, text, StandardCharsets.UTF_8);
        return f;
    }

    private static List<String> readAll(InputRows reader, ExecutionContext context) throws IOException {
        List<String> out = new ArrayList<>();
        reader.open(context);
        for (InputRow r = reader.read(); r != null; r = reader.read()) {
            out.add(r.lineNumber() + ":" + r.record().raw());
        }
        reader.close();
        return out;
    }

    private static Map<String, ExecutionContext> split(int n, long rows, DeliveryScan.Plan plan) {
        List<long[]> marks = new ArrayList<>();
        for (int i = 0; i < plan.markCount(); i++) {
            DeliveryScan.Mark m = plan.mark(i);
            marks.add(new long[]{m.ordinal(), m.line(), m.byteOffset()});
        }
        marks.add(new long[]{rows, plan.trailerLine(), plan.trailerByte()});
        return LineRangePartitioner.split(n, rows, marks, Source.SPEND);
    }

    private static LineRange range(ExecutionContext c, DeliveryScan.Plan plan) {
        long from = c.getLong(PartitionKeys.FROM_LINE);
        long to = c.getLong(PartitionKeys.TO_LINE);
        long[] deferred = Arrays.stream(plan.deferredLines()).filter(l -> l >= from && l < to).toArray();
        return new LineRange(from, c.getLong(PartitionKeys.FROM_BYTE), to, deferred);
    }

    @Test
    void rangesAndDeferredRowsTogetherAreEveryRowOnceForAnyNumberOfPartitions() throws IOException {
        int rows = 60;
        Path f = spendFile(rows);
        DeliveryScan.Plan plan = FileVerifier.verify(Source.SPEND, f).plan();
        List<String> whole = readAll(new CsvRowReader(Source.SPEND, f), new ExecutionContext());
        assertThat(whole).hasSize(rows);
        assertThat(plan.deferredCount()).isGreaterThan(0);
        List<String> deferred = readAll(new DeferredRowReader(Source.SPEND, f, plan.deferredLines(), plan.deferredBytes()),
                new ExecutionContext());
        assertThat(deferred).hasSize(plan.deferredCount());

        for (int n : new int[]{1, 2, 3, 7, 59, 60, 61, 100}) {
            Map<String, ExecutionContext> parts = split(n, rows, plan);
            assertThat(parts.keySet()).containsExactlyElementsOf(new LineRangePartitioner(null, Source.SPEND)
                    .getPartitionNames(n));
            List<String> all = new ArrayList<>(deferred);
            long planned = 0;
            long previousEnd = -1;
            for (ExecutionContext c : parts.values()) {
                if (previousEnd >= 0) {
                    assertThat(c.getLong(PartitionKeys.FROM_LINE)).as("ranges follow each other").isEqualTo(previousEnd);
                }
                previousEnd = c.getLong(PartitionKeys.TO_LINE);
                planned += c.getLong(PartitionKeys.PLANNED_ROWS);
                List<String> part = readAll(new CsvRowReader(Source.SPEND, f, range(c, plan)), new ExecutionContext());
                assertThat(part.size()).as("balanced, n=%d", n).isLessThanOrEqualTo(rows / n + 2);
                all.addAll(part);
            }
            assertThat(planned).isEqualTo(rows);
            all.sort(Comparator.comparingLong(s -> Long.parseLong(s.substring(0, s.indexOf(':')))));
            assertThat(all).as("n=%d", n).isEqualTo(whole);
        }
    }

    @Test
    void aPartitionRestartedFromItsSavedPositionReadsTheRestOnly() throws IOException {
        int rows = 40;
        Path f = spendFile(rows);
        DeliveryScan.Plan plan = FileVerifier.verify(Source.SPEND, f).plan();
        ExecutionContext c = split(3, rows, plan).get("partition1");
        List<String> expected = readAll(new CsvRowReader(Source.SPEND, f, range(c, plan)), new ExecutionContext());

        CsvRowReader first = new CsvRowReader(Source.SPEND, f, range(c, plan));
        ExecutionContext saved = new ExecutionContext();
        first.open(saved);
        List<String> got = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            InputRow r = first.read();
            got.add(r.lineNumber() + ":" + r.record().raw());
        }
        first.update(saved);
        first.close();
        assertThat(saved.containsKey(InputRows.BYTE_KEY)).isTrue();
        got.addAll(readAll(new CsvRowReader(Source.SPEND, f, range(c, plan)), saved));

        assertThat(got).isEqualTo(expected);
    }

    @Test
    void theDeferredRowsRestartedFromTheirSavedPositionReadTheRestOnly() throws IOException {
        Path f = spendFile(60);
        DeliveryScan.Plan plan = FileVerifier.verify(Source.SPEND, f).plan();
        List<String> expected = readAll(new DeferredRowReader(Source.SPEND, f, plan.deferredLines(), plan.deferredBytes()),
                new ExecutionContext());
        assertThat(expected).hasSizeGreaterThan(3);

        DeferredRowReader first = new DeferredRowReader(Source.SPEND, f, plan.deferredLines(), plan.deferredBytes());
        ExecutionContext saved = new ExecutionContext();
        first.open(saved);
        List<String> got = new ArrayList<>();
        for (int i = 0; i < 2; i++) {
            InputRow r = first.read();
            got.add(r.lineNumber() + ":" + r.record().raw());
        }
        first.update(saved);
        first.close();
        got.addAll(readAll(new DeferredRowReader(Source.SPEND, f, plan.deferredLines(), plan.deferredBytes()), saved));

        assertThat(got).isEqualTo(expected);
    }

    @Test
    void theRangesComeFromTheMarksVerifyStoredAndAFileVerifiedWithoutAPlanIsNotTakenForAbsent() {
        org.springframework.jdbc.datasource.DriverManagerDataSource ds = new org.springframework.jdbc.datasource
                .DriverManagerDataSource("jdbc:h2:mem:ranges" + System.nanoTime() + ";MODE=MySQL;DB_CLOSE_DELAY=-1", "sa", "");
        org.springframework.jdbc.core.JdbcTemplate jdbc = new org.springframework.jdbc.core.JdbcTemplate(ds);
        jdbc.execute("CREATE TABLE input_file (business_date DATE, source VARCHAR(16), file_name VARCHAR(100),"
                + " data_rows BIGINT, trailer_line BIGINT, trailer_byte BIGINT)");
        jdbc.execute("CREATE TABLE input_mark (business_date DATE, source VARCHAR(16), ordinal BIGINT, line_number BIGINT,"
                + " byte_offset BIGINT)");
        java.time.LocalDate d = java.time.LocalDate.of(2026, 11, 26);
        jdbc.update("INSERT INTO input_file VALUES (?, 'spend', 'spend.csv', 4, 9, 90)", d);
        for (int i = 0; i < 4; i++) {
            jdbc.update("INSERT INTO input_mark VALUES (?, 'spend', ?, ?, ?)", d, i, 2 + 2 * i, 10 + 20 * i);
        }
        jdbc.update("INSERT INTO input_file VALUES (?, 'payments', 'payments.csv', 4, NULL, NULL)", d);

        Map<String, ExecutionContext> two = new LineRangePartitioner(jdbc, Source.SPEND).partition(2, d);
        assertThat(two.get("partition0").getLong(PartitionKeys.FROM_LINE)).isEqualTo(2);
        assertThat(two.get("partition0").getLong(PartitionKeys.TO_LINE)).isEqualTo(6);
        assertThat(two.get("partition1").getLong(PartitionKeys.FROM_BYTE)).isEqualTo(50);
        assertThat(two.get("partition1").getLong(PartitionKeys.TO_LINE)).as("the trailer").isEqualTo(9);
        assertThat(new LineRangePartitioner(jdbc, Source.BALANCES).partition(2, d).values())
                .as("not delivered").allMatch(c -> c.getLong(PartitionKeys.FROM_LINE) == c.getLong(PartitionKeys.TO_LINE));
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> new LineRangePartitioner(jdbc, Source.PAYMENTS).partition(2, d))
                .hasMessageContaining("payments.csv was verified by an earlier version");
    }

    @Test
    void aFileWithoutRowsOrNotDeliveredGivesEmptyPartitions() throws IOException {
        Path f = spendFile(0);
        DeliveryScan.Plan plan = FileVerifier.verify(Source.SPEND, f).plan();
        for (ExecutionContext c : split(3, 0, plan).values()) {
            assertThat(range(c, plan).empty()).isTrue();
            assertThat(readAll(new CsvRowReader(Source.SPEND, f, range(c, plan)), new ExecutionContext())).isEmpty();
        }
        Map<String, ExecutionContext> none = LineRangePartitioner.split(2, 0, List.<long[]>of(new long[]{0, 0, 0}),
                Source.BALANCES);
        assertThat(none).hasSize(2);
        assertThat(none.values()).allMatch(c -> c.getLong(PartitionKeys.FROM_LINE) == c.getLong(PartitionKeys.TO_LINE));
    }
}
