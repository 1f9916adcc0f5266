package com.p4p.arrears.report.html;

import static com.p4p.arrears.report.html.HtmlText.esc;
import static com.p4p.arrears.report.html.ReportCells.num;

import com.p4p.arrears.report.FinanceReport;

/** The open-suspense panel of the breaks section: what waits for its account, per currency and source. */
final class SuspensePanel {

    private SuspensePanel() {
    }

    static void appendTo(StringBuilder h, FinanceReport r) {
        h.append("<div id=\"suspense\">\n");
        if (r.openSuspense().isEmpty()) {
            h.append("<p class=\"sub\">Open suspense: nothing is waiting for its account.</p>\n");
        } else {
            h.append("<table>\n<thead><tr><th>Open suspense</th><th>Source</th><th class=\"n\">Items</th>"
                    + "<th class=\"n\">Amount</th><th class=\"n\">Oldest (days)</th></tr></thead>\n<tbody>\n");
            for (FinanceReport.SuspenseLine s : r.openSuspense()) {
                h.append("<tr><td>").append(esc(s.currency())).append("</td><td>").append(esc(s.source())).append("</td>")
                        .append(num(Long.toString(s.items()), null, null)).append(num(s.amount(), null, null))
                        .append(num(Long.toString(s.oldestDays()), null, null)).append("</tr>\n");
            }
            h.append("</tbody>\n</table>\n");
        }
        h.append("<p class=\"note\">Rows of spend and payments files waiting for their account; they post with"
                + " their own date once it arrives. Age: days since the business date of the file they came in."
                + " List them with the view finance_open_suspense (sql/finance_queries.sql).</p>\n</div>\n");
    }
}
