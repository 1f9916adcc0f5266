package com.p4p.arrears.report;

import static com.p4p.arrears.report.html.HtmlText.esc;

import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.p4p.arrears.policy.Policy;
import com.p4p.arrears.report.WhatIfReplay.AccountRow;
import com.p4p.arrears.report.WhatIfReplay.Result;
import com.p4p.arrears.report.WhatIfReplay.SummaryRow;

/**
 * Writes what-if's three files into the output folder (SPEC 11), each atomically: whatif_summary.csv,
 * whatif_accounts.csv and whatif_report.html (per night the counts side by side, a bar chart of the
 * stages, and the accounts treated differently, most severe first).
 */
public final class WhatIfOutputs {

    private WhatIfOutputs() {
    }

    public static void write(Path dir, Result r, Policy whatIf, String whatIfSource) {
        try (AtomicCsvFile out = new AtomicCsvFile(dir.resolve("whatif_summary.csv"), "business_date", "metric", "key",
                "current", "what_if", "difference")) {
            for (SummaryRow s : r.summary()) {
                out.row(s.businessDate().toString(), s.metric(), s.key(), Long.toString(s.current()),
                        Long.toString(s.whatIf()), Long.toString(s.difference()));
            }
            out.commit();
        }
        try (AtomicCsvFile out = new AtomicCsvFile(dir.resolve("whatif_accounts.csv"), "business_date", "account_id",
                "currency", "owed", "days_past_due", "stage", "what_if_stage", "enforced_stage", "what_if_enforced_stage",
                "credit_status", "what_if_credit_status")) {
            for (AccountRow a : r.accounts()) {
                out.row(r.to().toString(), a.accountId(), a.currency(), Formats.money(a.owed(), a.currency(), whatIf),
                        Integer.toString(a.daysPastDue()), a.stage(), a.whatIfStage(), a.enforcedStage(),
                        a.whatIfEnforcedStage(), a.creditStatus(), a.whatIfCreditStatus());
            }
            out.commit();
        }
        AtomicTextFile.write(dir.resolve("whatif_report.html"), html(r, whatIf, whatIfSource));
    }

    static String html(Result r, Policy whatIf, String whatIfSource) {
        StringBuilder h = new StringBuilder(32_768);
        h.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\"/>\n")
                .append("<title>What-if ").append(esc(r.from() + " .. " + r.to())).append("</title>\n<style>\n")
                .append("body{margin:0;background:#f4f5f7;color:#1f2328;font:13px/1.4 \"DejaVu Sans\",Arial,sans-serif}\n")
                .append("main{max-width:1160px;margin:0 auto;padding:16px 20px}\n")
                .append("section{background:#fff;border:1px solid #d0d7de;border-radius:6px;padding:10px 14px;margin:0 0 12px}\n")
                .append(".cols{display:grid;grid-template-columns:1fr 1fr 1fr;gap:12px}\n")
                .append("table{border-collapse:collapse;width:100%;font-size:12.5px}\n")
                .append("th,td{padding:3px 6px;border-bottom:1px solid #eaeef2;white-space:nowrap;text-align:left}\n")
                .append("th.n,td.n{text-align:right;font-variant-numeric:tabular-nums}\n")
                .append("td.up{color:#a40e26;font-weight:bold}td.down{color:#116329;font-weight:bold}td.zero{color:#8c959f}\n")
                .append(".sub{color:#57606a}.warn{color:#a40e26;font-weight:bold}\n")
                .append("</style>\n</head>\n<body>\n<main>\n");
        h.append("<h1>What-if: ").append(esc(whatIfSource)).append("</h1>\n<p class=\"sub\">Nights ")
                .append(esc(r.from().toString())).append(" to ").append(esc(r.to().toString()))
                .append(" replayed on the ledger as posted. <b>current</b> is what the nights produced, <b>what-if</b>"
                        + " what this policy would have produced, difference = what-if − current.</p>\n");
        if (!r.notExact().isEmpty()) {
            h.append("<p class=\"warn\">Not replayed exactly (hold history older than migration V9): ")
                    .append(esc(r.notExact().toString())).append("</p>\n");
        }

        Map<LocalDate, Map<String, List<SummaryRow>>> byNight = new LinkedHashMap<>();
        for (SummaryRow s : r.summary()) {
            byNight.computeIfAbsent(s.businessDate(), k -> new LinkedHashMap<>())
                    .computeIfAbsent(s.metric(), k -> new ArrayList<>()).add(s);
        }
        List<LocalDate> nights = new ArrayList<>(byNight.keySet());
        // newest night first: the one a reader asks about
        for (int i = nights.size() - 1; i >= 0; i--) {
            LocalDate d = nights.get(i);
            Map<String, List<SummaryRow>> m = byNight.get(d);
            h.append("<section id=\"night-").append(d).append("\">\n<h2>").append(d).append("</h2>\n");
            h.append(chart(m.getOrDefault(WhatIfReplay.ACCOUNTS, List.of()), whatIf));
            h.append("<div class=\"cols\">\n");
            for (String metric : List.of(WhatIfReplay.ACCOUNTS, WhatIfReplay.ACTIONS, WhatIfReplay.CREDIT_RECORDS)) {
                h.append("<div>\n<h3>").append(esc(metric)).append("</h3>\n<table data-metric=\"").append(esc(metric))
                        .append("\">\n<thead><tr><th>key</th><th class=\"n\">current</th><th class=\"n\">what-if</th>"
                                + "<th class=\"n\">difference</th></tr></thead>\n<tbody>\n");
                for (SummaryRow s : m.getOrDefault(metric, List.of())) {
                    long diff = s.difference();
                    h.append("<tr><td>").append(esc(s.key())).append("</td><td class=\"n\">").append(s.current())
                            .append("</td><td class=\"n\">").append(s.whatIf()).append("</td><td class=\"n ")
                            .append(diff > 0 ? "up" : diff < 0 ? "down" : "zero").append("\">")
                            .append(diff > 0 ? "+" + diff : Long.toString(diff)).append("</td></tr>\n");
                }
                h.append("</tbody>\n</table>\n</div>\n");
            }
            h.append("</div>\n");
            if (d.equals(r.to())) {
                accounts(h, r, whatIf);
            }
            h.append("</section>\n");
        }
        h.append("<footer class=\"sub\"><p>The figures are those of whatif_summary.csv and whatif_accounts.csv in this"
                + " folder.</p></footer>\n</main>\n</body>\n</html>\n");
        return h.toString();
    }

    /** Horizontal bars, current above what-if, per stage (CURRENT and every stage of either policy). */
    private static String chart(List<SummaryRow> stages, Policy whatIf) {
        if (stages.isEmpty()) {
            return "";
        }
        List<SummaryRow> ordered = new ArrayList<>(stages);
        // severity order of the what-if policy, then the others' stages by name
        ordered.sort(Comparator.comparingInt((SummaryRow s) -> {
            int sev = whatIf.severity(s.key());
            return sev < 0 ? Integer.MAX_VALUE : sev;
        }).thenComparing(SummaryRow::key, Formats.BYTE_ORDER));
        long max = 1;
        for (SummaryRow s : ordered) {
            max = Math.max(max, Math.max(s.current(), s.whatIf()));
        }
        int rowH = 30;
        int width = 640;
        int label = 110;
        int barW = width - label - 60;
        StringBuilder svg = new StringBuilder();
        svg.append("<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"").append(width).append("\" height=\"")
                .append(ordered.size() * rowH + 24).append("\" role=\"img\" aria-label=\"accounts by computed stage\">\n");
        svg.append("<rect x=\"").append(label).append("\" y=\"2\" width=\"10\" height=\"10\" fill=\"#8c959f\"/>")
                .append("<text x=\"").append(label + 14).append("\" y=\"11\">current</text>")
                .append("<rect x=\"").append(label + 80).append("\" y=\"2\" width=\"10\" height=\"10\" fill=\"#0969da\"/>")
                .append("<text x=\"").append(label + 94).append("\" y=\"11\">what-if</text>\n");
        int y = 20;
        for (SummaryRow s : ordered) {
            long cw = s.current() * barW / max;
            long ww = s.whatIf() * barW / max;
            svg.append("<text x=\"0\" y=\"").append(y + 15).append("\">").append(esc(s.key())).append("</text>")
                    .append("<rect x=\"").append(label).append("\" y=\"").append(y + 2).append("\" width=\"").append(cw)
                    .append("\" height=\"11\" fill=\"#8c959f\"/>")
                    .append("<text x=\"").append(label + cw + 4).append("\" y=\"").append(y + 12).append("\">")
                    .append(s.current()).append("</text>")
                    .append("<rect x=\"").append(label).append("\" y=\"").append(y + 14).append("\" width=\"").append(ww)
                    .append("\" height=\"11\" fill=\"#0969da\"/>")
                    .append("<text x=\"").append(label + ww + 4).append("\" y=\"").append(y + 24).append("\">")
                    .append(s.whatIf()).append("</text>\n");
            y += rowH;
        }
        return svg.append("</svg>\n").toString();
    }

    /** The accounts treated differently on the last reported night, the most severe what-if stage first. */
    private static void accounts(StringBuilder h, Result r, Policy whatIf) {
        List<AccountRow> rows = new ArrayList<>(r.accounts());
        rows.sort(Comparator.comparingInt((AccountRow a) -> -Math.max(whatIf.severity(a.whatIfStage()),
                whatIf.severity(a.whatIfEnforcedStage()))).thenComparing(AccountRow::accountId, Formats.BYTE_ORDER));
        h.append("<h3>Accounts treated differently on ").append(r.to()).append(" (").append(rows.size()).append(")</h3>\n");
        h.append("<table id=\"accounts\">\n<thead><tr><th>account</th><th>currency</th><th class=\"n\">owed</th>"
                + "<th class=\"n\">days past due</th><th>stage</th><th>what-if stage</th><th>enforced</th>"
                + "<th>what-if enforced</th><th>credit</th><th>what-if credit</th></tr></thead>\n<tbody>\n");
        for (AccountRow a : rows) {
            h.append("<tr><td>").append(esc(a.accountId())).append("</td><td>").append(esc(a.currency()))
                    .append("</td><td class=\"n\">").append(esc(Formats.money(a.owed(), a.currency(), whatIf)))
                    .append("</td><td class=\"n\">").append(a.daysPastDue()).append("</td><td>").append(esc(a.stage()))
                    .append("</td><td>").append(esc(a.whatIfStage())).append("</td><td>").append(esc(a.enforcedStage()))
                    .append("</td><td>").append(esc(a.whatIfEnforcedStage())).append("</td><td>")
                    .append(esc(a.creditStatus())).append("</td><td>").append(esc(a.whatIfCreditStatus()))
                    .append("</td></tr>\n");
        }
        h.append("</tbody>\n</table>\n");
    }
}
