package com.p4p.arrears.partition;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.springframework.batch.infrastructure.item.ExecutionContext;

/**
 * The accounts of one partition: ids from {@code from} (inclusive) to {@code to} (exclusive) in the
 * database's order of account ids (binary: SPEC's byte order), either bound absent meaning open. An
 * {@code empty} range holds no account whatever its bounds say. {@link #ALL} is the whole table (a step
 * that is not partitioned).
 */
public record AccountRange(String from, String to, boolean empty, int index, int count) {

    public static final AccountRange ALL = new AccountRange(null, null, false, 0, 1);

    /** The range a partition's context holds ({@link AccountRangePartitioner}); a context without one is {@link #ALL}. */
    public static AccountRange of(ExecutionContext context) {
        if (!context.containsKey(PartitionKeys.EMPTY)) {
            return ALL;
        }
        return new AccountRange((String) context.get(PartitionKeys.FROM_ACCOUNT),
                (String) context.get(PartitionKeys.TO_ACCOUNT), Boolean.TRUE.equals(context.get(PartitionKeys.EMPTY)),
                context.getInt(PartitionKeys.INDEX), context.getInt(PartitionKeys.COUNT));
    }

    /** Writes the range into a partition's context. */
    public ExecutionContext toContext() {
        ExecutionContext c = new ExecutionContext();
        if (from != null) {
            c.putString(PartitionKeys.FROM_ACCOUNT, from);
        }
        if (to != null) {
            c.putString(PartitionKeys.TO_ACCOUNT, to);
        }
        c.put(PartitionKeys.EMPTY, empty);
        c.putInt(PartitionKeys.INDEX, index);
        c.putInt(PartitionKeys.COUNT, count);
        return c;
    }

    /**
     * The condition on {@code column} for a WHERE clause with named parameters {@code :fromAccount} and
     * {@code :toAccount} ({@link #namedParameters()}); "" when the range is everything.
     */
    public String namedCondition(String column) {
        if (empty) {
            return "1 = 0";
        }
        List<String> parts = new ArrayList<>();
        if (from != null) {
            parts.add(column + " >= :" + PartitionKeys.FROM_ACCOUNT);
        }
        if (to != null) {
            parts.add(column + " < :" + PartitionKeys.TO_ACCOUNT);
        }
        return String.join(" AND ", parts);
    }

    public Map<String, Object> namedParameters() {
        Map<String, Object> p = new LinkedHashMap<>();
        if (!empty && from != null) {
            p.put(PartitionKeys.FROM_ACCOUNT, from);
        }
        if (!empty && to != null) {
            p.put(PartitionKeys.TO_ACCOUNT, to);
        }
        return p;
    }

    /** " AND <condition>" on {@code column} with {@code ?} placeholders ({@link #parameters()}), or "". */
    public String andCondition(String column) {
        String c = namedCondition(column).replace(":" + PartitionKeys.FROM_ACCOUNT, "?")
                .replace(":" + PartitionKeys.TO_ACCOUNT, "?");
        return c.isEmpty() ? "" : " AND " + c;
    }

    /** The values of {@link #andCondition}'s placeholders, in order. */
    public Object[] parameters() {
        return namedParameters().values().toArray();
    }

    @Override
    public String toString() {
        return empty ? "no accounts" : (from == null ? "first" : from) + " .. " + (to == null ? "last" : "before " + to);
    }
}
