package com.p4p.arrears.report.html;

import static com.p4p.arrears.report.html.HtmlText.esc;

import java.math.BigDecimal;
import java.math.RoundingMode;

/** What the page's inline SVG bar charts share: the opening tag (sized, labelled for screen readers) and bar lengths. */
final class SvgBars {

    private SvgBars() {
    }

    /** Opens an SVG image of the given size; {@code label} is its accessible name (escaped here). */
    static StringBuilder open(int width, int height, String label) {
        return new StringBuilder().append("<svg width=\"").append(width).append("\" height=\"").append(height)
                .append("\" viewBox=\"0 0 ").append(width).append(' ').append(height)
                .append("\" role=\"img\" aria-label=\"").append(esc(label)).append("\">\n");
    }

    /** A bar's length: at least 1 for anything non-zero, so a small amount still shows. */
    static int scale(BigDecimal v, BigDecimal max, int full) {
        if (v.signum() <= 0 || max.signum() <= 0) {
            return 0;
        }
        int len = v.multiply(BigDecimal.valueOf(full)).divide(max, 0, RoundingMode.HALF_UP).intValue();
        return Math.max(len, 1);
    }
}
