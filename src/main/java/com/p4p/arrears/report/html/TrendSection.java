package com.p4p.arrears.report.html;

import static com.p4p.arrears.report.html.HtmlText.esc;
import static com.p4p.arrears.report.html.HtmlText.grouped;

import java.math.BigDecimal;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.function.Function;

import com.p4p.arrears.report.FinanceReport;

/** Section trend: accounts in arrears and owed per currency over the last business dates, one bar per date. */
public final class TrendSection {

    private static final DateTimeFormatter SHORT_DATE = DateTimeFormatter.ofPattern("MM-dd");

    private TrendSection() {
    }

    public static void appendTo(StringBuilder h, FinanceReport r) {
        List<FinanceReport.TrendPoint> t = r.trend();
        FinanceReport.TrendPoint tonight = t.get(t.size() - 1);
        FinanceReport.TrendPoint before = t.size() > 1 ? t.get(t.size() - 2) : null;
        h.append("<section id=\"trend\">\n<h2>Trend over the last ").append(t.size())
                .append(t.size() == 1 ? " business date" : " business dates").append(" (")
                .append(t.get(0).date()).append(" to ").append(tonight.date()).append(")</h2>\n<div class=\"charts trend\">\n")
                .append("<div class=\"chart\" data-trend-accounts=\"in-arrears\">\n<h3>Accounts in arrears: ")
                .append(grouped(Long.toString(tonight.accountsInArrears())))
                .append(before == null ? "" : previous(Long.toString(before.accountsInArrears()))).append("</h3>\n")
                .append(trendChart(t, p -> new BigDecimal(p.accountsInArrears()), "#0969da", "accounts in arrears"))
                .append("</div>\n");
        for (String c : r.currencies()) {
            boolean any = t.stream().anyMatch(p -> new BigDecimal(p.owed().getOrDefault(c, "0")).signum() != 0);
            if (any) {
                h.append("<div class=\"chart\" data-trend-currency=\"").append(esc(c)).append("\">\n<h3>Owed ")
                        .append(esc(c)).append(": ").append(grouped(tonight.owed().getOrDefault(c, "0")))
                        .append(before == null ? "" : previous(before.owed().getOrDefault(c, "0"))).append("</h3>\n")
                        .append(trendChart(t, p -> new BigDecimal(p.owed().getOrDefault(c, "0")), "#cf222e", "owed " + c))
                        .append("</div>\n");
            }
        }
        h.append("</div>\n<p class=\"note\">Accounts in arrears: stage other than CURRENT. One bar per business date,"
                + " tonight's the darkest, from each night's recon_summary (kept in the recon_summary table).</p>\n"
                + "</section>\n");
    }

    private static String trendChart(List<FinanceReport.TrendPoint> points, Function<FinanceReport.TrendPoint,
            BigDecimal> value, String colour, String what) {
        int width = 350;
        int height = 110;
        int left = 4;
        int right = 62;
        int top = 10;
        int bottom = 22;
        int plotW = width - left - right;
        int plotH = height - top - bottom;
        BigDecimal max = points.stream().map(value).max(BigDecimal::compareTo).orElse(BigDecimal.ZERO);
        // one slot per date of the window, the latest at the right: a short history leaves the left empty
        int slots = Math.max(points.size(), FinanceReport.TREND_DATES);
        int slot = plotW / slots;
        int barW = Math.max(slot - 3, 2);
        StringBuilder s = SvgBars.open(width, height, what + " by business date");
        int baseY = top + plotH;
        s.append("<line class=\"axis\" x1=\"").append(left).append("\" y1=\"").append(baseY).append("\" x2=\"")
                .append(left + plotW).append("\" y2=\"").append(baseY).append("\"/>\n");
        s.append("<line class=\"axis\" x1=\"").append(left).append("\" y1=\"").append(top).append("\" x2=\"")
                .append(left + plotW).append("\" y2=\"").append(top).append("\" stroke-dasharray=\"3 3\"/>\n");
        s.append("<text class=\"muted\" x=\"").append(left + plotW + 4).append("\" y=\"").append(top + 4).append("\">")
                .append(esc(grouped(max.toPlainString()))).append("</text>\n");
        s.append("<text class=\"muted\" x=\"").append(left + plotW + 4).append("\" y=\"").append(baseY + 4)
                .append("\">0</text>\n");
        for (int i = 0; i < points.size(); i++) {
            FinanceReport.TrendPoint p = points.get(i);
            BigDecimal v = value.apply(p);
            int hgt = SvgBars.scale(v, max, plotH);
            int x = left + (slots - points.size() + i) * slot + 1;
            boolean last = i == points.size() - 1;
            s.append("<g data-date=\"").append(p.date()).append("\" data-value=\"").append(esc(v.toPlainString()))
                    .append("\"><title>").append(esc(p.date() + ": " + grouped(v.toPlainString()) + " " + what))
                    .append("</title><rect x=\"").append(x).append("\" y=\"").append(baseY - hgt).append("\" width=\"")
                    .append(barW).append("\" height=\"").append(hgt).append("\" fill=\"").append(colour)
                    .append(last ? "" : "\" fill-opacity=\"0.55").append("\"/></g>\n");
            if (last || (i == 0 && points.size() >= 6) || (points.size() > 12 && i == points.size() / 2)) {
                s.append("<text class=\"muted\" x=\"").append(x + barW / 2).append("\" y=\"").append(baseY + 15)
                        .append("\" text-anchor=\"").append(i == 0 ? "start" : last ? "end" : "middle").append("\">")
                        .append(p.date().format(SHORT_DATE)).append("</text>\n");
            }
        }
        return s.append("</svg>\n").toString();
    }

    private static String previous(String plain) {
        return " <span class=\"muted-text\">(night before: " + grouped(plain) + ")</span>";
    }
}
