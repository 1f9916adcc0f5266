package com.p4p.arrears.report.html;

import static com.p4p.arrears.report.html.HtmlText.esc;
import static com.p4p.arrears.report.html.HtmlText.grouped;
import static com.p4p.arrears.report.html.ReportCells.num;

import com.p4p.arrears.report.FinanceReport;

/** Section breaks: breaks raised this run per type, what was resolved, open suspense, and each type's largest items. */
public final class BreaksSection {

    private BreaksSection() {
    }

    public static void appendTo(StringBuilder h, FinanceReport r) {
        h.append("<section id=\"breaks\">\n<h2>Reconciliation breaks and suspense</h2>\n<div class=\"cols\">\n<div>\n"
                + "<table class=\"breaks-summary\">\n<thead><tr>"
                + "<th>Break type</th><th class=\"n\">Raised this run</th><th>Largest items</th></tr></thead>\n<tbody>\n");
        for (FinanceReport.BreakGroup g : r.breaks()) {
            h.append("<tr><td>").append(esc(g.type())).append("</td>")
                    .append(num(Long.toString(g.count()), "breaks", g.type()))
                    .append("<td class=\"sub\">").append(g.count() == 0 ? "" : g.count() > g.top().size()
                            ? "top " + g.top().size() + " of " + grouped(Long.toString(g.count())) + " below"
                            : "all listed below").append("</td></tr>\n");
        }
        h.append("</tbody>\n</table>\n");
        String resolved = String.join(", ", r.resolved().entrySet().stream()
                .map(e -> esc(e.getKey()) + " " + grouped(e.getValue())).toList());
        h.append("<p class=\"note\">Resolved this run (suspense released, UNKNOWN_ACCOUNT breaks listed in"
                + " recon_breaks.csv with resolved_date): ").append(resolved.isEmpty() ? "none" : resolved)
                .append(".</p>\n</div>\n");
        SuspensePanel.appendTo(h, r);
        h.append("</div>\n");
        for (FinanceReport.BreakGroup g : r.breaks()) {
            if (g.top().isEmpty()) {
                continue;
            }
            h.append("<h3>").append(esc(g.type())).append(g.count() > g.top().size()
                    ? " - the " + g.top().size() + " largest of " + grouped(Long.toString(g.count())) : "")
                    .append("</h3>\n<table class=\"break-items\" data-break-type=\"").append(esc(g.type()))
                    .append("\">\n<thead><tr><th style=\"width:24%\">Reference</th><th style=\"width:10%\">Source</th>"
                            + "<th style=\"width:22%\">Account</th><th class=\"n\" style=\"width:13%\">Expected</th>"
                            + "<th class=\"n\" style=\"width:13%\">Actual</th><th class=\"n\" style=\"width:11%\">Difference</th>"
                            + "<th style=\"width:7%\">Currency</th></tr></thead>\n<tbody>\n");
            for (FinanceReport.BreakItem b : g.top()) {
                h.append("<tr><td>").append(esc(b.reference())).append("</td><td>").append(esc(b.source()))
                        .append("</td><td>").append(esc(nullToEmpty(b.accountId()))).append("</td>")
                        .append(num(b.expected(), null, null)).append(num(b.actual(), null, null))
                        .append(num(b.difference(), null, null)).append("<td>").append(esc(nullToEmpty(b.currency())))
                        .append("</td></tr>\n");
            }
            h.append("</tbody>\n</table>\n");
        }
        h.append("<p class=\"note\">Largest first by the absolute difference (else the row's amount, else the"
                + " expected ledger balance); amounts in each break's own currency.</p>\n</section>\n");
    }

    private static String nullToEmpty(String s) {
        return s == null ? "" : s;
    }
}
