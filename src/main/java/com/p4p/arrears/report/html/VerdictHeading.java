package com.p4p.arrears.report.html;

import static com.p4p.arrears.report.html.HtmlText.esc;

import com.p4p.arrears.report.FinanceReport;

/** The page's heading: the business date, and the verdict (every check passes, or how many fail: do not sign off). */
public final class VerdictHeading {

    private VerdictHeading() {
    }

    public static void appendTo(StringBuilder h, FinanceReport r) {
        h.append("<h1>P4P arrears: finance report for business date <span id=\"business-date\">")
                .append(esc(r.businessDate().toString())).append("</span></h1>\n");
        long failing = r.failingChecks();
        if (failing == 0) {
            h.append("<p class=\"banner ok\" id=\"verdict\">All checks pass: every row of every file is accounted for"
                    + " and every currency balances.</p>\n");
        } else {
            h.append("<p class=\"banner bad\" id=\"verdict\">").append(failing)
                    .append(failing == 1 ? " check fails" : " checks fail").append(": do not sign off.</p>\n");
        }
    }
}
