package com.p4p.arrears.ingest;

/**
 * One non-blank row of an input file.
 *
 * @param lineNumber the physical line it starts on (1-based, blank lines counted)
 * @param raw        its text as delivered (its lines joined by LF)
 * @param fields     its values, or null when the row is not valid RFC 4180
 */
public record CsvRecord(long lineNumber, String raw, String[] fields) {

    public boolean malformed() {
        return fields == null;
    }

    public int fieldCount() {
        return fields == null ? -1 : fields.length;
    }
}
