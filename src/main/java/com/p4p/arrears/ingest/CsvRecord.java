package com.p4p.arrears.ingest;

/**
 * One non-blank row of an input file.
 *
 * @param lineNumber the physical line it starts on (1-based, blank lines counted)
 * @param raw        its text as delivered (its lines joined by LF)
 * @param fields     its values, or null when the row is not valid RFC 4180
 * @param byteOffset where its first line starts in the file (-1: not read from a file's bytes)
 */
public record CsvRecord(long lineNumber, String raw, String[] fields, long byteOffset) {

    public CsvRecord(long lineNumber, String raw, String[] fields) {
        this(lineNumber, raw, fields, -1);
    }

    public boolean malformed() {
        return fields == null;
    }

    public int fieldCount() {
        return fields == null ? -1 : fields.length;
    }
}
