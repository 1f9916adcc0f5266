package com.p4p.arrears.report.html;

/** Text made safe for HTML (and XML) pages, and plain decimals shown with thousands separators. */
public final class HtmlText {

    private HtmlText() {
    }

    /** A plain decimal with thousands separators in its integer part: -1234567.50 becomes -1,234,567.50. */
    public static String grouped(String plain) {
        if (plain == null || plain.isEmpty()) {
            return "";
        }
        int start = plain.startsWith("-") || plain.startsWith("+") ? 1 : 0;
        int point = plain.indexOf('.');
        int end = point < 0 ? plain.length() : point;
        StringBuilder s = new StringBuilder(plain.substring(0, start));
        for (int i = start; i < end; i++) {
            if (i > start && (end - i) % 3 == 0) {
                s.append(',');
            }
            s.append(plain.charAt(i));
        }
        return esc(s.append(plain.substring(end)).toString());
    }

    /** Escapes text for HTML element content and attribute values alike. */
    public static String esc(String text) {
        if (text == null) {
            return "";
        }
        StringBuilder s = new StringBuilder(text.length() + 16);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '&' -> s.append("&amp;");
                case '<' -> s.append("&lt;");
                case '>' -> s.append("&gt;");
                case '"' -> s.append("&quot;");
                case '\'' -> s.append("&#39;");
                default -> {
                    if (c < 0x20 && c != '\n' && c != '\t') {
                        s.append(' '); // control characters are not allowed in HTML (nor XML) text
                    } else {
                        s.append(c);
                    }
                }
            }
        }
        return s.toString();
    }
}
