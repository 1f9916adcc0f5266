package com.p4p.arrears.ingest;

import java.util.HashMap;
import java.util.Map;

/** A file's header row: which field holds which column (columns may come in any order). */
public final class Header {

    private final Map<String, Integer> index;
    private final int width;

    private Header(Map<String, Integer> index, int width) {
        this.index = index;
        this.width = width;
    }

    /**
     * Reads a header row.
     *
     * @throws RefusedFileException when a column repeats or a required one is missing
     */
    public static Header of(Source source, CsvRecord row, String fileName) {
        if (row == null) {
            throw new RefusedFileException(fileName, "is empty: it has no header row");
        }
        if (row.malformed()) {
            throw new RefusedFileException(fileName, "line " + row.lineNumber() + ": the header row is not valid CSV");
        }
        Map<String, Integer> index = new HashMap<>();
        String[] names = row.fields();
        for (int i = 0; i < names.length; i++) {
            if (index.putIfAbsent(names[i], i) != null) {
                throw new RefusedFileException(fileName, "line " + row.lineNumber() + ": the header repeats column " + names[i]);
            }
        }
        for (String column : source.columns()) {
            if (source.columnRequired(column) && !index.containsKey(column)) {
                throw new RefusedFileException(fileName, "line " + row.lineNumber() + ": the header lacks required column " + column);
            }
        }
        return new Header(index, names.length);
    }

    /** The number of fields every data row must have. */
    public int width() {
        return width;
    }

    /** The value of a column in a well-formed row; empty when the column is not in the header. */
    public String get(String[] fields, String column) {
        Integer i = index.get(column);
        return i == null ? "" : fields[i];
    }
}
