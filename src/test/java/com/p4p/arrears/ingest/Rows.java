package com.p4p.arrears.ingest;

import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Builds InputRows from CSV text, the way the reader hands them to the validators. */
final class Rows {

    static final String SPEND_HEADER = "charge_id,account_id,campaign_id,charge_date,clicks,amount,currency";
    static final String PAYMENTS_HEADER = "payment_id,account_id,type,amount,currency,channel,paid_date,original_payment_id";
    static final String ACCOUNTS_HEADER = "account_id,store_id,currency,opened_date,enforcement_hold";
    static final String BALANCES_HEADER = "account_id,balance,currency";

    private Rows() {
    }

    /** The data row of a two-line file: header on line 1, the row on line 2. */
    static InputRow parse(Source source, String header, String row) {
        try (CsvRecordCursor cursor = CsvRecordCursor.of(new StringReader(header + "\n" + row + "\n"))) {
            Header h = Header.of(source, cursor.next(), "test.csv");
            CsvRecord record = cursor.next();
            if (record == null || cursor.next() != null) {
                throw new IllegalArgumentException("expected exactly one data row: " + row);
            }
            return new InputRow(record, h);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A row built from column/value pairs, header in the same order. */
    static InputRow of(Source source, Map<String, String> columns) {
        return parse(source, line(new ArrayList<>(columns.keySet())), line(new ArrayList<>(columns.values())));
    }

    /** The columns of a header line with their values from a row line, in order; a value may be replaced. */
    static Map<String, String> columns(String header, String row) {
        String[] names = header.split(",", -1);
        String[] values = row.split(",", -1);
        if (names.length != values.length) {
            throw new IllegalArgumentException(row);
        }
        Map<String, String> m = new LinkedHashMap<>();
        for (int i = 0; i < names.length; i++) {
            m.put(names[i], values[i]);
        }
        return m;
    }

    /** One CSV line, quoting values that need it. */
    static String line(List<String> values) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < values.size(); i++) {
            String v = values.get(i);
            if (i > 0) {
                sb.append(',');
            }
            if (v.contains(",") || v.contains("\"") || v.contains("\n")) {
                sb.append('"').append(v.replace("\"", "\"\"")).append('"');
            } else {
                sb.append(v);
            }
        }
        return sb.toString();
    }
}
