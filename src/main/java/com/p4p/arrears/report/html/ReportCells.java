package com.p4p.arrears.report.html;

import static com.p4p.arrears.report.html.HtmlText.esc;
import static com.p4p.arrears.report.html.HtmlText.grouped;

import java.math.BigDecimal;

/** The finance page's table cells: numbers (negative and zero marked, recon_summary metric traced) and check badges. */
final class ReportCells {

    private ReportCells() {
    }

    /** A right-aligned number cell; marked with its recon_summary metric and key when it is one. */
    static String num(String plain, String metric, String key) {
        StringBuilder s = new StringBuilder("<td class=\"n");
        if (plain != null && plain.startsWith("-")) {
            s.append(" neg");
        } else if (plain != null && !plain.isEmpty() && new BigDecimal(plain).signum() == 0) {
            s.append(" zero");
        }
        s.append('"');
        if (metric != null) {
            s.append(" data-metric=\"").append(esc(metric)).append("\" data-key=\"").append(esc(key)).append('"');
        }
        return s.append('>').append(plain == null ? "" : grouped(plain)).append("</td>").toString();
    }
    static String check(boolean pass, String detail) {
        String title = detail == null ? "" : " title=\"" + esc(detail) + "\"";
        return pass ? "<span class=\"pass\"" + title + ">PASS</span>" : "<span class=\"fail\"" + title + ">FAIL</span>";
    }
}
