package com.p4p.arrears.report;

import static com.p4p.arrears.report.html.HtmlText.esc;

import com.p4p.arrears.report.html.AgeingSection;
import com.p4p.arrears.report.html.BreaksSection;
import com.p4p.arrears.report.html.ControlTotalsSection;
import com.p4p.arrears.report.html.IntradayLiftsSection;
import com.p4p.arrears.report.html.LedgerSection;
import com.p4p.arrears.report.html.RunwaySection;
import com.p4p.arrears.report.html.StagesSection;
import com.p4p.arrears.report.html.TrendSection;
import com.p4p.arrears.report.html.VerdictHeading;

/**
 * Renders a {@link FinanceReport} as one self-contained HTML page: inline CSS, inline SVG charts, no
 * script, nothing fetched. Every text is escaped. The markup is also well-formed XML, so tests (and
 * anyone) can read it with an XML parser; every recon_summary figure is marked with
 * {@code data-metric} and {@code data-key}, so it can be traced to its row of recon_summary.csv.
 * Numbers are shown as in the CSVs with thousands separators added.
 *
 * <p>This class is the page: its style sheet, the sections in order, the footer. Each section renders
 * itself ({@code report.html}: one class a section, the charts with their section).
 */
public final class FinanceReportHtml {

    private static final String CSS = """
            *{box-sizing:border-box}
            body{margin:0;background:#f4f5f7;color:#1f2328;font:13px/1.4 "DejaVu Sans","Liberation Sans",Arial,sans-serif}
            main{max-width:1160px;margin:0 auto;padding:16px 20px 24px}
            h1{font-size:22px;margin:0 0 2px}
            h2{font-size:15px;margin:0 0 8px;padding-bottom:4px;border-bottom:2px solid #d0d7de}
            h3{font-size:13px;margin:10px 0 4px;color:#424a53}
            p{margin:4px 0}
            .sub{color:#57606a}
            .banner{margin:10px 0 14px;padding:8px 12px;border-radius:6px;font-weight:bold;font-size:14px}
            .banner.ok{background:#dafbe1;color:#116329;border:1px solid #4ac26b}
            .banner.bad{background:#ffebe9;color:#a40e26;border:1px solid #ff8182}
            section{background:#fff;border:1px solid #d0d7de;border-radius:6px;padding:10px 14px;margin:0 0 12px}
            .cols{display:grid;grid-template-columns:1fr 1fr;gap:12px}
            .cols section{margin:0 0 12px}
            table{border-collapse:collapse;width:100%;font-size:12.5px}
            th,td{padding:3px 6px;border-bottom:1px solid #eaeef2;white-space:nowrap}
            th{background:#f6f8fa;text-align:left;vertical-align:bottom;font-weight:bold;color:#424a53;border-bottom:1px solid #d0d7de;white-space:normal}
            table.break-items{table-layout:fixed}
            table.break-items td{overflow:hidden;text-overflow:ellipsis}
            th.n,td.n{text-align:right;font-variant-numeric:tabular-nums}
            tbody tr:nth-child(even){background:#fafbfc}
            tr.total td{font-weight:bold;border-top:1px solid #8c959f;background:#fff}
            td.na{color:#8c959f;text-align:center}
            .pass,.fail{display:inline-block;min-width:44px;text-align:center;border-radius:10px;padding:0 8px;font-weight:bold;font-size:11.5px}
            .pass{background:#dafbe1;color:#116329}
            .fail{background:#cf222e;color:#fff}
            .neg{color:#a40e26}
            .zero{color:#8c959f}
            .muted-text{color:#57606a;font-weight:normal}
            .note{color:#57606a;font-size:11.5px;margin-top:6px}
            .charts{display:grid;grid-template-columns:1fr 1fr;gap:2px 24px}
            .charts.trend{grid-template-columns:1fr 1fr 1fr}
            .chart h3{margin-top:6px}
            svg text{font-family:"DejaVu Sans","Liberation Sans",Arial,sans-serif;font-size:11px;fill:#1f2328}
            svg .axis{stroke:#8c959f;stroke-width:1}
            svg .muted{fill:#57606a}
            footer{color:#57606a;font-size:11.5px;padding:0 4px}
            """;

    public String render(FinanceReport r) {
        return render(r, null);
    }

    /** @param lifts the date's intraday lifts (SPEC 13); null or empty: no such section */
    public String render(FinanceReport r, DayLifts lifts) {
        StringBuilder h = new StringBuilder(32_768);
        h.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\"/>\n")
                .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"/>\n")
                .append("<title>Finance report ").append(esc(r.businessDate().toString())).append("</title>\n")
                .append("<style>\n").append(CSS).append("</style>\n</head>\n<body>\n<main>\n");
        VerdictHeading.appendTo(h, r);
        ControlTotalsSection.appendTo(h, r);
        if (lifts != null && !lifts.isEmpty()) {
            IntradayLiftsSection.appendTo(h, lifts);
        }
        h.append("<div class=\"cols\">\n");
        LedgerSection.appendTo(h, r);
        StagesSection.appendTo(h, r);
        h.append("</div>\n");
        AgeingSection.appendTo(h, r);
        RunwaySection.appendTo(h, r);
        TrendSection.appendTo(h, r);
        BreaksSection.appendTo(h, r);
        h.append("<footer><p>Every figure marked with a recon_summary metric is that row of recon_summary.csv in this"
                + " folder; breaks are those of recon_breaks.csv; stages, ageing and suspense come from the ledger"
                + " (views finance_accounts_by_stage, finance_owed_by_ageing, finance_open_suspense). Amounts are in"
                + " each currency's own units and are never added across currencies.</p></footer>\n");
        h.append("</main>\n</body>\n</html>\n");
        return h.toString();
    }
}
