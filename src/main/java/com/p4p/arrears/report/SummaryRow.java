package com.p4p.arrears.report;

/** One row of recon_summary.csv. */
public record SummaryRow(String metric, String key, String value) {
}
