package com.p4p.arrears.partition;

import java.sql.Date;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.springframework.batch.core.partition.PartitionNameProvider;
import org.springframework.batch.core.partition.Partitioner;
import org.springframework.batch.core.scope.context.StepContext;
import org.springframework.batch.core.scope.context.StepSynchronizationManager;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.batch.infrastructure.item.ExecutionContext;
import org.springframework.jdbc.core.JdbcTemplate;

import com.p4p.arrears.ingest.DeferredRows;
import com.p4p.arrears.ingest.LineRange;
import com.p4p.arrears.ingest.Source;
import com.p4p.arrears.ops.RunParameters;

/**
 * Splits the data rows of one of the night's input files into N ranges of consecutive lines holding
 * about the same number of rows, from the marks {@code verifyDelivery} recorded (input_mark): range i
 * starts at the last mark at or before row {@code i*R/N} (R data rows) and ends where range i+1 starts;
 * the last ends at the trailer. Exactly N partitions, named {@code partition0..N-1} (N only: a restarted
 * step reuses the stored ranges, never re-divides). Ranges that start at the same mark, or a file with no
 * rows, or an optional file not delivered, give empty partitions.
 * <p>
 * Why partitions give the night one thread gives: a row's disposition and breaks depend only on the
 * ledger before the night and on earlier rows with its id (or, for a chargeback, its original's id).
 * The rows with such an earlier row are deferred (DeliveryScan, no false negatives), so no partition
 * holds a row whose outcome another partition's rows could change, nor changes what a deferred row
 * sees before it is decided: the deferred rows are decided after every partition committed, in line order.
 */
public class LineRangePartitioner implements Partitioner, PartitionNameProvider {

    private final JdbcTemplate jdbc;
    private final Source source;

    public LineRangePartitioner(JdbcTemplate jdbc, Source source) {
        this.jdbc = jdbc;
        this.source = source;
    }

    @Override
    public Map<String, ExecutionContext> partition(int gridSize) {
        return partition(gridSize, businessDate());
    }

    /** The ranges of the date's file. */
    public Map<String, ExecutionContext> partition(int gridSize, LocalDate businessDate) {
        int n = Math.max(1, gridSize);
        Date day = Date.valueOf(businessDate);
        String[] unplanned = {null};
        long[] file = jdbc.query("SELECT data_rows, trailer_line, trailer_byte, file_name FROM input_file"
                + " WHERE business_date = ? AND source = ?", rs -> {
                    if (!rs.next()) {
                        return null; // an optional file not delivered
                    }
                    if (rs.getObject(2) == null) {
                        unplanned[0] = rs.getString(4);
                        return null;
                    }
                    return new long[]{rs.getLong(1), rs.getLong(2), rs.getLong(3)};
                }, day, source.code());
        if (unplanned[0] != null) {
            // posting it as "not delivered" would silently lose it
            throw new IllegalStateException(unplanned[0] + " was verified by an earlier version of the pipeline, which"
                    + " did not plan partitions: finish night " + businessDate + " with that version, or abandon it");
        }
        long rows = file == null ? 0 : file[0];
        // mark k: {ordinal, line, byte}; the end of the file (its trailer) as a last mark at ordinal R
        List<long[]> marks = new ArrayList<>();
        if (file != null) {
            jdbc.query("SELECT ordinal, line_number, byte_offset FROM input_mark WHERE business_date = ? AND source = ?"
                    + " ORDER BY ordinal", rs -> {
                        marks.add(new long[]{rs.getLong(1), rs.getLong(2), rs.getLong(3)});
                    }, day, source.code());
            marks.add(new long[]{rows, file[1], file[2]});
        } else {
            marks.add(new long[]{0, 0, 0}); // not delivered: every range empty
        }
        return split(n, rows, marks, source);
    }

    /**
     * The ranges, from the marks ({ordinal, line, byte}, by ordinal, the first at ordinal 0 unless the file
     * has no rows) followed by the end of the file ({R, trailer line, trailer byte}).
     */
    static Map<String, ExecutionContext> split(int n, long rows, List<long[]> marks, Source source) {
        long[][] start = new long[n + 1][];
        int m = 0;
        for (int i = 0; i < n; i++) {
            long target = i * rows / n;
            while (m + 1 < marks.size() && marks.get(m + 1)[0] <= target) {
                m++;
            }
            start[i] = marks.get(m);
        }
        start[n] = marks.get(marks.size() - 1);
        Map<String, ExecutionContext> out = new LinkedHashMap<>();
        for (int i = 0; i < n; i++) {
            ExecutionContext c = new ExecutionContext();
            c.putString(PartitionKeys.SOURCE, source.code());
            c.putLong(PartitionKeys.FROM_LINE, start[i][1]);
            c.putLong(PartitionKeys.FROM_BYTE, start[i][2]);
            c.putLong(PartitionKeys.TO_LINE, start[i + 1][1]);
            c.putLong(PartitionKeys.PLANNED_ROWS, start[i + 1][0] - start[i][0]);
            c.putInt(PartitionKeys.INDEX, i);
            c.putInt(PartitionKeys.COUNT, n);
            out.put(PartitionKeys.partitionName(i), c);
        }
        return out;
    }

    @Override
    public List<String> getPartitionNames(int gridSize) {
        return PartitionKeys.partitionNames(gridSize);
    }

    /** A partition's rows: the range its context holds, without the deferred rows in it. */
    public static LineRange rangeOf(StepExecution partition, LocalDate businessDate, Source source,
                                    DeferredRows deferred) {
        ExecutionContext c = partition.getExecutionContext();
        long from = c.getLong(PartitionKeys.FROM_LINE);
        long to = c.getLong(PartitionKeys.TO_LINE);
        return new LineRange(from, c.getLong(PartitionKeys.FROM_BYTE), to,
                deferred.between(businessDate, source, from, to)[0]);
    }

    /**
     * The night's date, from the manager step the split runs in (a Partitioner is not handed its step
     * execution; the step scope finds job parameters the same way).
     */
    private static LocalDate businessDate() {
        StepContext step = StepSynchronizationManager.getContext();
        if (step == null) {
            throw new IllegalStateException("a line range partitioner splits inside its manager step");
        }
        return step.getStepExecution().getJobExecution().getJobParameters().getLocalDate(RunParameters.BUSINESS_DATE);
    }
}
