package com.p4p.arrears.ingest;

import java.math.BigDecimal;
import java.util.regex.Pattern;

/** {@code TRAILER,<record_count>[,<control_total>]}: the last non-blank row of every file. */
record Trailer(long recordCount, BigDecimal controlTotal) {

    private static final Pattern COUNT = Pattern.compile("[0-9]{1,18}");

    static Trailer parse(Source source, CsvRecord row, String fileName) {
        if (row == null || row.malformed() || !"TRAILER".equals(row.fields()[0])) {
            throw new RefusedFileException(fileName, "has no trailer: its last row must be TRAILER,<record_count>"
                    + (source.amountColumn() == null ? "" : ",<control_total>"));
        }
        String[] f = row.fields();
        int expected = source.amountColumn() == null ? 2 : 3;
        if (f.length != expected) {
            throw new RefusedFileException(fileName, "trailer on line " + row.lineNumber() + " has " + f.length
                    + " fields, expected " + expected);
        }
        if (!COUNT.matcher(f[1]).matches()) {
            throw new RefusedFileException(fileName, "trailer on line " + row.lineNumber() + ": record count '"
                    + f[1] + "' is not a whole number");
        }
        BigDecimal total = null;
        if (expected == 3) {
            if (!FieldRules.isDecimal(f[2])) {
                throw new RefusedFileException(fileName, "trailer on line " + row.lineNumber() + ": control total '"
                        + f[2] + "' is not a decimal number");
            }
            total = new BigDecimal(f[2]);
        }
        return new Trailer(Long.parseLong(f[1]), total);
    }
}
