package com.p4p.arrears.ingest;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Checks a delivered file's header and trailer (SPEC 2) before anything of its date is posted:
 * the trailer's record count must equal the data rows, and its control total the sum of the amount
 * column over the rows that have the header's width and a decimal amount. The same pass plans the
 * file's partitions ({@link DeliveryScan}).
 */
public final class FileVerifier {

    /** Sizes the filter of ids seen: fewer bytes than a real row, so it errs on the roomy side. */
    private static final long ID_FILTER_BYTES_PER_ROW = 32;

    private FileVerifier() {
    }

    public static VerifiedFile verify(Source source, Path file) {
        String name = file.getFileName().toString();
        if (!Files.isRegularFile(file)) {
            throw new RefusedFileException(name, "is missing (expected at " + file.toAbsolutePath() + ")");
        }
        try (CsvRecordCursor cursor = CsvRecordCursor.open(file)) {
            Header header = Header.of(source, cursor.next(), name);
            DeliveryScan scan = DeliveryScan.scans(source)
                    ? new DeliveryScan(source, header, Files.size(file) / ID_FILTER_BYTES_PER_ROW) : null;
            long rows = 0;
            BigDecimal total = BigDecimal.ZERO;
            CsvRecord last = null;
            for (CsvRecord row = cursor.next(); row != null; row = cursor.next()) {
                if (last != null) {
                    rows++;
                    total = total.add(amountOf(source, header, last));
                    if (scan != null) {
                        scan.row(last);
                    }
                }
                last = row;
            }
            Trailer trailer = Trailer.parse(source, last, name);
            if (trailer.recordCount() != rows) {
                throw new RefusedFileException(name, "trailer on line " + last.lineNumber() + " says "
                        + trailer.recordCount() + " records but the file has " + rows + " data rows");
            }
            if (trailer.controlTotal() != null && trailer.controlTotal().compareTo(total) != 0) {
                throw new RefusedFileException(name, "trailer on line " + last.lineNumber() + " says control total "
                        + trailer.controlTotal().toPlainString() + " but the " + source.amountColumn()
                        + " column sums to " + total.toPlainString() + " (difference "
                        + total.subtract(trailer.controlTotal()).toPlainString() + ")");
            }
            return new VerifiedFile(source, file, rows, source.amountColumn() == null ? null : total,
                    scan == null ? null : scan.plan(last));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    private static BigDecimal amountOf(Source source, Header header, CsvRecord row) {
        if (source.amountColumn() == null || row.malformed() || row.fieldCount() != header.width()) {
            return BigDecimal.ZERO;
        }
        String amount = header.get(row.fields(), source.amountColumn());
        return FieldRules.isDecimal(amount) ? new BigDecimal(amount) : BigDecimal.ZERO;
    }
}
