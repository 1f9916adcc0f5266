package com.p4p.arrears.report.html;

import static com.p4p.arrears.report.html.HtmlText.esc;
import static com.p4p.arrears.report.html.ReportCells.num;

import com.p4p.arrears.report.FinanceReport;

/** Section runway (SPEC 10), only when the policy has a runway block: the band per currency, the soonest accounts. */
public final class RunwaySection {

    private RunwaySection() {
    }

    /** SPEC 10: only when the policy has a runway block. */
    public static void appendTo(StringBuilder h, FinanceReport r) {
        FinanceReport.Runway w = r.runway();
        if (w == null) {
            return;
        }
        h.append("<section id=\"runway\">\n<h2>Runway: balances that run out within ").append(w.horizonDays())
                .append(w.horizonDays() == 1 ? " day" : " days").append("</h2>\n<div class=\"cols\">\n<div>\n")
                .append("<table class=\"runway-band\">\n<thead><tr><th>Currency</th><th class=\"n\">Accounts forecast</th>"
                        + "<th class=\"n\">In the band</th><th class=\"n\">Balance left in the band</th></tr></thead>\n<tbody>\n");
        for (FinanceReport.RunwayCurrency c : w.byCurrency()) {
            h.append("<tr data-runway-currency=\"").append(esc(c.currency())).append("\"><td>").append(esc(c.currency()))
                    .append("</td>").append(num(Long.toString(c.forecast()), null, null))
                    .append(num(Long.toString(c.inBand()), null, null)).append(num(c.balanceInBand(), null, null))
                    .append("</tr>\n");
        }
        h.append("</tbody>\n</table>\n</div>\n<div>\n");
        if (w.soonest().isEmpty()) {
            h.append("<p class=\"sub\">No account has both a positive balance and spend in the window.</p>\n");
        } else {
            h.append("<table class=\"runway-soonest\">\n<thead><tr><th>Soonest to run out</th><th>Currency</th>"
                    + "<th class=\"n\">Balance</th><th class=\"n\">Daily spend</th><th class=\"n\">Days to zero</th>"
                    + "<th>In band</th></tr></thead>\n<tbody>\n");
            for (FinanceReport.RunwayAccount a : w.soonest()) {
                h.append("<tr data-runway-account=\"").append(esc(a.accountId())).append("\"><td>").append(esc(a.accountId()))
                        .append("</td><td>").append(esc(a.currency())).append("</td>").append(num(a.balance(), null, null))
                        .append(num(a.dailySpend(), null, null)).append(num(a.daysToZero(), null, null)).append("<td>")
                        .append(a.inBand() ? "Y" : "N").append("</td></tr>\n");
            }
            h.append("</tbody>\n</table>\n");
        }
        h.append("</div>\n</div>\n<p class=\"note\">days_to_zero = floor(balance x ").append(w.windowDays())
                .append(" / the spend the last ").append(w.windowDays()).append(w.windowDays() == 1 ? " run" : " runs")
                .append(" posted); in the band when fewer than ").append(w.horizonDays())
                .append(". Only accounts with a positive balance and spend in the window are forecast. The ")
                .append(FinanceReport.SOONEST_RUNWAY).append(" fewest days first; all of them in runway.csv and the view"
                        + " finance_runway (sql/finance_queries.sql).</p>\n</section>\n");
    }
}
