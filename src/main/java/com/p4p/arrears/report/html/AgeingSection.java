package com.p4p.arrears.report.html;

import static com.p4p.arrears.report.html.HtmlText.esc;
import static com.p4p.arrears.report.html.HtmlText.grouped;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.List;

import com.p4p.arrears.report.FinanceReport;

/** Section ageing: per currency that is owed anything, a bar chart of owed (and accounts) per days-past-due bucket. */
public final class AgeingSection {

    private static final String[] AGEING_COLOURS =
            {"#f2c94c", "#f2994a", "#eb7a3c", "#e0592a", "#c93c20", "#a82a18", "#7a1d10"};

    private AgeingSection() {
    }

    public static void appendTo(StringBuilder h, FinanceReport r) {
        h.append("<section id=\"ageing\">\n<h2>Owed by ageing bucket (days past due)</h2>\n");
        List<FinanceReport.Ageing> owing = r.ageing().stream().filter(a -> a.total().signum() > 0).toList();
        if (owing.isEmpty()) {
            h.append("<p class=\"sub\">No account owes anything.</p>\n");
        }
        h.append("<div class=\"charts\">\n");
        for (FinanceReport.Ageing a : owing) {
            h.append("<div class=\"chart\" data-ageing-currency=\"").append(esc(a.currency())).append("\">\n<h3>")
                    .append(esc(a.currency())).append(": ").append(grouped(money(a.total(), a.buckets())))
                    .append(" owed</h3>\n");
            h.append(ageingChart(a)).append("</div>\n");
        }
        h.append("</div>\n<p class=\"note\">Days past due are counted from the oldest unpaid charge (FIFO)."
                + " Bars: owed; in brackets: accounts.</p>\n</section>\n");
    }

    private static String ageingChart(FinanceReport.Ageing a) {
        int labelW = 52;
        int barW = 300;
        int rowH = 22;
        int width = 520;
        int height = a.buckets().size() * rowH + 6;
        BigDecimal max = a.buckets().stream().map(b -> new BigDecimal(b.owed())).max(BigDecimal::compareTo)
                .orElse(BigDecimal.ZERO);
        StringBuilder s = SvgBars.open(width, height, "owed " + a.currency() + " by ageing bucket");
        s.append("<line class=\"axis\" x1=\"").append(labelW).append("\" y1=\"0\" x2=\"").append(labelW)
                .append("\" y2=\"").append(height - 4).append("\"/>\n");
        for (int i = 0; i < a.buckets().size(); i++) {
            FinanceReport.Bucket b = a.buckets().get(i);
            int y = i * rowH + 3;
            int w = SvgBars.scale(new BigDecimal(b.owed()), max, barW);
            s.append("<g data-bucket=\"").append(esc(b.label())).append("\" data-owed=\"").append(esc(b.owed()))
                    .append("\" data-accounts=\"").append(b.accounts()).append("\"><title>")
                    .append(esc(b.label() + " days: " + grouped(b.owed()) + " " + a.currency() + ", " + b.accounts()
                            + " accounts")).append("</title>\n");
            s.append("<text x=\"").append(labelW - 6).append("\" y=\"").append(y + 14)
                    .append("\" text-anchor=\"end\">").append(esc(b.label())).append("</text>\n");
            s.append("<rect x=\"").append(labelW + 1).append("\" y=\"").append(y).append("\" width=\"").append(w)
                    .append("\" height=\"").append(rowH - 6).append("\" rx=\"2\" fill=\"")
                    .append(AGEING_COLOURS[Math.min(i, AGEING_COLOURS.length - 1)]).append("\"/>\n");
            s.append("<text x=\"").append(labelW + 6 + w).append("\" y=\"").append(y + 14).append("\">")
                    .append(esc(grouped(b.owed()))).append("<tspan class=\"muted\">")
                    .append(esc("  (" + b.accounts() + ")")).append("</tspan></text>\n</g>\n");
        }
        return s.append("</svg>\n").toString();
    }

    private static String money(BigDecimal total, List<FinanceReport.Bucket> buckets) {
        int scale = buckets.isEmpty() ? 0 : new BigDecimal(buckets.get(0).owed()).scale();
        return total.setScale(Math.max(scale, 0), RoundingMode.UNNECESSARY).toPlainString();
    }
}
