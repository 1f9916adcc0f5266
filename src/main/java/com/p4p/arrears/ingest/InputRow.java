package com.p4p.arrears.ingest;

/** A data row with the header of its file, so values can be read by column name. */
public record InputRow(CsvRecord record, Header header) {

    public String get(String column) {
        return header.get(record.fields(), column);
    }

    public long lineNumber() {
        return record.lineNumber();
    }
}
