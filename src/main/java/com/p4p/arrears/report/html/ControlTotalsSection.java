package com.p4p.arrears.report.html;

import static com.p4p.arrears.report.html.HtmlText.esc;
import static com.p4p.arrears.report.html.ReportCells.check;
import static com.p4p.arrears.report.html.ReportCells.num;

import java.util.List;

import com.p4p.arrears.report.FinanceReport;

/** Section control-totals: per input file, recon_summary's counts and control total, the trailer and disposition checks. */
public final class ControlTotalsSection {

    private ControlTotalsSection() {
    }

    public static void appendTo(StringBuilder h, FinanceReport r) {
        h.append("<section id=\"control-totals\">\n<h2>Control totals per file</h2>\n<table>\n<thead><tr><th>File</th>");
        for (String c : List.of("Trailer rows", "Rows read", "Posted", "Rejected", "Duplicate", "Conflict", "Suspended",
                "Currency mismatch", "Unsuspended", "Control total")) {
            h.append("<th class=\"n\">").append(esc(c)).append("</th>");
        }
        h.append("<th>Trailer check</th><th>Disposition check</th></tr></thead>\n<tbody>\n");
        for (FinanceReport.FileControl f : r.files()) {
            h.append("<tr><td>").append(esc(f.fileName())).append("</td>");
            h.append(num(Long.toString(f.trailerRows()), null, null));
            for (String metric : List.of("rows", "posted", "rejected", "duplicate", "conflict", "suspended",
                    "currency_mismatch", "unsuspended")) {
                String v = f.counts().get(metric);
                h.append(v == null ? "<td class=\"na\">-</td>" : num(v, metric, f.source()));
            }
            h.append(f.controlTotal() == null ? "<td class=\"na\">-</td>" : num(f.controlTotal(), "control_total", f.source()));
            h.append("<td>").append(check(f.trailerMatches(), f.trailerRows() + " vs " + f.count("rows"))).append("</td>");
            h.append("<td>").append(check(f.dispositionsAddUp(), f.count("rows") + " vs " + f.dispositions()))
                    .append("</td></tr>\n");
        }
        h.append("</tbody>\n</table>\n<p class=\"note\">Trailer check: the trailer's record count = rows read."
                + " Disposition check: rows = posted + rejected + duplicate + conflict + suspended + currency mismatch."
                + " Control total: the sum of the file's amounts, checked against the trailer's total before anything"
                + " was posted. Unsuspended: suspense items of earlier nights released tonight (not rows of today's"
                + " file).</p>\n</section>\n");
    }
}
