package com.p4p.arrears.ingest;

import java.util.Arrays;
import java.util.HashSet;
import java.util.Set;

import com.p4p.arrears.ledger.IdFilter;

/**
 * What the verifying pass learns about a spend, payments or balances file for posting it in
 * partitions (SPEC 12), fed every data record in file order:
 * <ul>
 * <li><b>marks</b>: evenly spaced data records (ordinal, line, byte offset) where a range of rows can
 * start. Every K-th record is kept, K starting at 1; at {@link #MAX_MARKS} marks every other one is
 * dropped and K doubles, so a file ends with between half and all of MAX_MARKS marks (a small file:
 * one per row).</li>
 * <li><b>deferred rows</b>: rows whose disposition depends on an earlier row of the file, decided after
 * the partitions in line order. A row is deferred when its id (charge_id, payment_id, balances'
 * account_id) may have been seen on an earlier row; a payments row also when an earlier chargeback
 * named its id as original, and a chargeback when its original's id may have been seen. Ids are
 * raw field values of rows that have the header's width (validation never rewrites an id; a malformed
 * row takes no id). "Seen" is a Bloom filter: it never misses an id, and a false "maybe" only defers
 * a row needlessly. Past {@link #MAX_ORIGINALS} distinct originals every later row is deferred
 * (correct, just not partitioned).</li>
 * </ul>
 * Why deferring exactly these makes a partitioned night equal one thread: see {@code LineRangePartitioner}.
 */
public final class DeliveryScan {

    static final int MAX_MARKS = 8192;
    static final int MAX_ORIGINALS = 1_000_000;

    /** Where a data record starts: its 0-based ordinal among the data rows, its line, its byte offset. */
    public record Mark(long ordinal, long line, long byteOffset) {
    }

    /** The scan of one file: its marks, its deferred rows (line order), and where its trailer starts. */
    public record Plan(long[][] marks, long[][] deferred, long trailerLine, long trailerByte) {

        public int markCount() {
            return marks[0].length;
        }

        public Mark mark(int i) {
            return new Mark(marks[0][i], marks[1][i], marks[2][i]);
        }

        public int deferredCount() {
            return deferred[0].length;
        }

        /** The line numbers of the deferred rows, ascending. */
        public long[] deferredLines() {
            return deferred[0];
        }

        /** Their byte offsets. */
        public long[] deferredBytes() {
            return deferred[1];
        }
    }

    private final Source source;
    private final Header header;
    private final IdFilter seen;
    private final Set<String> originals = new HashSet<>();
    private boolean deferRest;

    private long step = 1;
    private long ordinal;
    private final LongList markOrdinal = new LongList();
    private final LongList markLine = new LongList();
    private final LongList markByte = new LongList();
    private final LongList deferredLine = new LongList();
    private final LongList deferredByte = new LongList();

    /** @param expectedRows about how many rows the file holds (sizes the filter) */
    public DeliveryScan(Source source, Header header, long expectedRows) {
        this(source, header, new IdFilter(expectedRows));
    }

    DeliveryScan(Source source, Header header, IdFilter seen) {
        this.source = source;
        this.header = header;
        this.seen = seen;
    }

    /** Whether files of this source are posted in partitions (the accounts file is not). */
    public static boolean scans(Source source) {
        return source != Source.ACCOUNTS;
    }

    /** The next data record of the file (not the header, not the trailer). */
    public void row(CsvRecord row) {
        mark(row);
        if (defers(row)) {
            deferredLine.add(row.lineNumber());
            deferredByte.add(row.byteOffset());
        }
        ordinal++;
    }

    private void mark(CsvRecord row) {
        if (ordinal % step != 0) {
            return;
        }
        if (markOrdinal.size == MAX_MARKS) {
            step *= 2;
            markOrdinal.keepEveryOther();
            markLine.keepEveryOther();
            markByte.keepEveryOther();
            if (ordinal % step != 0) {
                return;
            }
        }
        markOrdinal.add(ordinal);
        markLine.add(row.lineNumber());
        markByte.add(row.byteOffset());
    }

    private boolean defers(CsvRecord row) {
        if (row.malformed() || row.fieldCount() != header.width()) {
            return deferRest; // MALFORMED_ROW, whatever else the file holds
        }
        String[] f = row.fields();
        String id = header.get(f, idColumn());
        boolean defer = deferRest || seen.mightContain(id) || originals.contains(id);
        if (source == Source.PAYMENTS && "CHARGEBACK".equals(header.get(f, "type"))) {
            String original = header.get(f, "original_payment_id");
            if (!original.isEmpty()) {
                defer |= seen.mightContain(original); // its original maybe on an earlier line
                if (!deferRest && originals.add(original) && originals.size() > MAX_ORIGINALS) {
                    deferRest = true;
                    originals.clear();
                }
            }
        }
        seen.add(id);
        return defer;
    }

    private String idColumn() {
        return switch (source) {
            case SPEND -> "charge_id";
            case PAYMENTS -> "payment_id";
            case BALANCES -> "account_id";
            case ACCOUNTS -> throw new IllegalStateException("the accounts file is not partitioned");
        };
    }

    /** @param trailer the file's trailer record */
    public Plan plan(CsvRecord trailer) {
        return new Plan(new long[][]{markOrdinal.toArray(), markLine.toArray(), markByte.toArray()},
                new long[][]{deferredLine.toArray(), deferredByte.toArray()}, trailer.lineNumber(), trailer.byteOffset());
    }

    /** A growable array of longs (a file may defer millions of rows: no boxing). */
    private static final class LongList {
        long[] values = new long[64];
        int size;

        void add(long v) {
            if (size == values.length) {
                values = Arrays.copyOf(values, 2 * size);
            }
            values[size++] = v;
        }

        void keepEveryOther() {
            int k = 0;
            for (int i = 0; i < size; i += 2) {
                values[k++] = values[i];
            }
            size = k;
        }

        long[] toArray() {
            return Arrays.copyOf(values, size);
        }
    }
}
