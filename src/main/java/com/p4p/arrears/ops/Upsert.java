package com.p4p.arrears.ops;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * An insert-or-update statement for MySQL and for the embedded H2. MySQL's INSERT ... ON DUPLICATE
 * KEY UPDATE batches into one multi-row statement; H2 accepts that syntax but runs it by catching a
 * duplicate-key exception per row (slow), so there it is a standard MERGE ... USING.
 * <p>
 * Update expressions refer to the incoming value of a column as {column} and to the existing one
 * as [column], e.g. {@code set("amount", "[amount] + {amount}")}.
 */
public final class Upsert {

    private final String table;
    private final List<String> columns;
    private final List<String> keys;
    private final Map<String, String> updates = new LinkedHashMap<>();

    private Upsert(String table, List<String> columns, List<String> keys) {
        this.table = table;
        this.columns = columns;
        this.keys = keys;
    }

    /** Values are bound in the order of {@code columns}; {@code keys} is the table's unique key. */
    public static Upsert into(String table, List<String> columns, List<String> keys) {
        return new Upsert(table, columns, keys);
    }

    /** On an existing row, set column to expression. */
    public Upsert set(String column, String expression) {
        updates.put(column, expression);
        return this;
    }

    /** On an existing row, take the incoming value of each of these columns. */
    public Upsert replace(String... columns) {
        for (String c : columns) {
            updates.put(c, "{" + c + "}");
        }
        return this;
    }

    public String sql(boolean h2) {
        String placeholders = columns.stream().map(c -> "?").collect(Collectors.joining(", "));
        if (!h2) {
            return "INSERT INTO " + table + " (" + String.join(", ", columns) + ") VALUES (" + placeholders + ")"
                    + " ON DUPLICATE KEY UPDATE " + assignments("VALUES(", ")", "");
        }
        return "MERGE INTO " + table + " t USING (VALUES (" + placeholders + ")) s(" + String.join(", ", columns) + ")"
                + " ON " + keys.stream().map(k -> "t." + k + " = s." + k).collect(Collectors.joining(" AND "))
                + " WHEN MATCHED THEN UPDATE SET " + assignments("s.", "", "t.")
                + " WHEN NOT MATCHED THEN INSERT (" + String.join(", ", columns) + ") VALUES ("
                + columns.stream().map(c -> "s." + c).collect(Collectors.joining(", ")) + ")";
    }

    private String assignments(String incomingBefore, String incomingAfter, String existing) {
        return updates.entrySet().stream().map(e -> {
            String expression = e.getValue().replaceAll("\\{(\\w+)}", incomingBefore + "$1" + incomingAfter)
                    .replaceAll("\\[(\\w+)]", existing + "$1");
            return e.getKey() + " = " + expression;
        }).collect(Collectors.joining(", "));
    }
}
