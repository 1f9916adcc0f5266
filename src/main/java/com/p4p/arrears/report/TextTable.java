package com.p4p.arrears.report;

import java.util.ArrayList;
import java.util.List;

/** A small table for a terminal: columns as wide as their widest cell, amounts right-aligned. */
final class TextTable {

    private final String indent;
    private final List<String[]> rows = new ArrayList<>();
    private final boolean[] right;

    /** @param rightAligned one flag per column: true for amounts and counts */
    TextTable(String indent, boolean... rightAligned) {
        this.indent = indent;
        this.right = rightAligned;
    }

    TextTable row(String... cells) {
        rows.add(cells);
        return this;
    }

    void printTo(StringBuilder out) {
        int columns = right.length;
        int[] width = new int[columns];
        for (String[] r : rows) {
            for (int c = 0; c < columns && c < r.length; c++) {
                width[c] = Math.max(width[c], cell(r, c).length());
            }
        }
        for (String[] r : rows) {
            StringBuilder line = new StringBuilder(indent);
            for (int c = 0; c < columns; c++) {
                String v = cell(r, c);
                String pad = " ".repeat(width[c] - v.length());
                line.append(right[c] ? pad + v : v + (c == columns - 1 ? "" : pad));
                if (c < columns - 1) {
                    line.append("  ");
                }
            }
            out.append(line.toString().stripTrailing()).append('\n');
        }
    }

    private static String cell(String[] r, int c) {
        return c < r.length && r[c] != null ? r[c] : "";
    }
}
