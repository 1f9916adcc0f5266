package com.p4p.arrears.report.html;

import static com.p4p.arrears.report.html.HtmlText.esc;
import static com.p4p.arrears.report.html.ReportCells.num;

import com.p4p.arrears.report.DayLifts;

/** Section intraday-lifts (SPEC 13): the payment files lifted since the last night and the enforcement they lowered. */
public final class IntradayLiftsSection {

    private IntradayLiftsSection() {
    }

    public static void appendTo(StringBuilder h, DayLifts lifts) {
        h.append("<section id=\"intraday-lifts\">\n<h2>Intraday lifts</h2>\n<div class=\"cols\">\n<div>\n<table>\n")
                .append("<thead><tr><th>File</th><th class=\"n\">rows</th><th class=\"n\">posted</th></tr></thead>\n<tbody>\n");
        for (DayLifts.LiftedFile f : lifts.files()) {
            h.append("<tr><td>").append(esc(f.fileName())).append("</td>").append(num(Long.toString(f.rows()), null, null))
                    .append(num(Long.toString(f.posted()), null, null)).append("</tr>\n");
        }
        h.append("<tr class=\"total\"><td>").append(lifts.files().size()).append(" files</td><td></td>")
                .append(num(Long.toString(lifts.posted()), "intraday_posted", "payments")).append("</tr>\n")
                .append("</tbody>\n</table>\n</div>\n<div>\n<table>\n<thead><tr><th>Enforcement lifted from</th><th>to</th>")
                .append("<th class=\"n\">accounts</th></tr></thead>\n<tbody>\n");
        if (lifts.lowered().isEmpty()) {
            h.append("<tr><td colspan=\"3\" class=\"sub\">no account's enforcement was lifted</td></tr>\n");
        }
        for (DayLifts.Lowered l : lifts.lowered()) {
            h.append("<tr><td>").append(esc(l.fromStage())).append("</td><td>").append(esc(l.toStage())).append("</td>")
                    .append(num(Long.toString(l.accounts()), null, null)).append("</tr>\n");
        }
        h.append("</tbody>\n</table>\n</div>\n</div>\n<p class=\"note\">Payment files posted between the last night"
                + " and this one (lift command); their entries are in tonight's credits, and tonight's stages started"
                + " from the enforcement as they lifted it.</p>\n</section>\n");
    }
}
