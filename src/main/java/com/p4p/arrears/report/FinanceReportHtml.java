package com.p4p.arrears.report;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.function.Function;

/**
 * Renders a {@link FinanceReport} as one self-contained HTML page: inline CSS, inline SVG charts, no
 * script, nothing fetched. Every text is escaped. The markup is also well-formed XML, so tests (and
 * anyone) can read it with an XML parser; every recon_summary figure is marked with
 * {@code data-metric} and {@code data-key}, so it can be traced to its row of recon_summary.csv.
 * Numbers are shown as in the CSVs with thousands separators added.
 */
public final class FinanceReportHtml {

    private static final DateTimeFormatter SHORT_DATE = DateTimeFormatter.ofPattern("MM-dd");
    private static final String[] AGEING_COLOURS =
            {"#f2c94c", "#f2994a", "#eb7a3c", "#e0592a", "#c93c20", "#a82a18", "#7a1d10"};

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
        header(h, r);
        controls(h, r);
        if (lifts != null && !lifts.isEmpty()) {
            lifts(h, lifts);
        }
        h.append("<div class=\"cols\">\n");
        ledger(h, r);
        stages(h, r);
        h.append("</div>\n");
        ageing(h, r);
        runway(h, r);
        trend(h, r);
        breaks(h, r);
        h.append("<footer><p>Every figure marked with a recon_summary metric is that row of recon_summary.csv in this"
                + " folder; breaks are those of recon_breaks.csv; stages, ageing and suspense come from the ledger"
                + " (views finance_accounts_by_stage, finance_owed_by_ageing, finance_open_suspense). Amounts are in"
                + " each currency's own units and are never added across currencies.</p></footer>\n");
        h.append("</main>\n</body>\n</html>\n");
        return h.toString();
    }

    // ---- sections ----

    private void header(StringBuilder h, FinanceReport r) {
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

    private void controls(StringBuilder h, FinanceReport r) {
        h.append("<section id=\"control-totals\">\n<h2>Control totals per file</h2>\n<table>\n<thead><tr><th>File</th>");
        for (String c : List.of("Trailer rows", "Rows read", "Posted", "Rejected", "Duplicate", "Conflict", "Suspended",
                "Currency mismatch", "Unsuspended", "Control total")) {
            h.append("<th class=\"n\">").append(esc(c)).append("</th>");
        }
        h.append("<th>Trailer check</th><th>Disposition check</th></tr></thead>\n<tbody>\n");
        for (FinanceReport.FileControl f : r.files()) {
            h.append("<tr><td>").append(esc(f.fileName())).append("</td>");
            h.append(num(Long.toString(f.trailerRows()), null, null));
            for (String metric : List.of("rows", "posted", "rejected", "duplicate", "conflict", "suspended",
                    "currency_mismatch", "unsuspended")) {
                String v = f.counts().get(metric);
                h.append(v == null ? "<td class=\"na\">-</td>" : num(v, metric, f.source()));
            }
            h.append(f.controlTotal() == null ? "<td class=\"na\">-</td>" : num(f.controlTotal(), "control_total", f.source()));
            h.append("<td>").append(check(f.trailerMatches(), f.trailerRows() + " vs " + f.count("rows"))).append("</td>");
            h.append("<td>").append(check(f.dispositionsAddUp(), f.count("rows") + " vs " + f.dispositions()))
                    .append("</td></tr>\n");
        }
        h.append("</tbody>\n</table>\n<p class=\"note\">Trailer check: the trailer's record count = rows read."
                + " Disposition check: rows = posted + rejected + duplicate + conflict + suspended + currency mismatch."
                + " Control total: the sum of the file's amounts, checked against the trailer's total before anything"
                + " was posted. Unsuspended: suspense items of earlier nights released tonight (not rows of today's"
                + " file).</p>\n</section>\n");
    }

    private void lifts(StringBuilder h, DayLifts lifts) {
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

    private void ledger(StringBuilder h, FinanceReport r) {
        h.append("<section id=\"ledger\">\n<h2>Opening to closing per currency</h2>\n<table>\n<thead><tr><th>Currency</th>"
                + "<th class=\"n\">Opening</th><th class=\"n\">Debits (spend)</th><th class=\"n\">Credits (net)</th>"
                + "<th class=\"n\">Closing</th><th class=\"n\">Owed</th><th>Check</th>"
                + "</tr></thead>\n<tbody>\n");
        for (FinanceReport.CurrencyLedger l : r.ledger()) {
            h.append("<tr><td>").append(esc(l.currency())).append("</td>")
                    .append(num(l.opening(), "opening_balance", l.currency()))
                    .append(num(l.debits(), "debits", l.currency()))
                    .append(num(l.credits(), "credits", l.currency()))
                    .append(num(l.closing(), "closing_balance", l.currency()))
                    .append(num(l.owed(), "owed", l.currency()))
                    .append("<td>").append(check(l.balances(), null)).append("</td></tr>\n");
        }
        h.append("</tbody>\n</table>\n<p class=\"note\">Check: closing = opening + credits - debits. Credits are"
                + " payments less refunds and chargebacks (they can be negative). Owed: the sum of max(0, -balance)"
                + " over the accounts.</p>\n</section>\n");
    }

    private void stages(StringBuilder h, FinanceReport r) {
        List<String> currencies = r.currencies();
        h.append("<section id=\"stages\">\n<h2>Accounts and owed by stage</h2>\n<table>\n<thead><tr><th>Stage</th>"
                + "<th class=\"n\">Accounts</th>");
        currencies.forEach(c -> h.append("<th class=\"n\">Owed ").append(esc(c)).append("</th>"));
        h.append("</tr></thead>\n<tbody>\n");
        long accounts = 0;
        for (FinanceReport.StageLine s : r.stages()) {
            accounts += s.accounts();
            h.append("<tr><td>").append(esc(s.stage())).append("</td>")
                    .append(num(Long.toString(s.accounts()), "accounts", s.stage()));
            for (String c : currencies) {
                String owed = s.owed().get(c);
                h.append(owed == null ? "<td class=\"n zero\">-</td>"
                        : "<td class=\"n\" data-stage-owed=\"" + esc(s.stage() + "/" + c) + "\">" + grouped(owed) + "</td>");
            }
            h.append("</tr>\n");
        }
        h.append("<tr class=\"total\"><td>Total</td><td class=\"n\">").append(grouped(Long.toString(accounts))).append("</td>");
        for (String c : currencies) {
            String owed = r.ledger().stream().filter(l -> l.currency().equals(c)).map(FinanceReport.CurrencyLedger::owed)
                    .findFirst().orElse("0");
            h.append("<td class=\"n\">").append(grouped(owed)).append("</td>");
        }
        h.append("</tr>\n</tbody>\n</table>\n<p class=\"note\">Stage: the computed arrears stage (enforcement may lag"
                + " behind it while an account is on hold). Accounts in arrears: every stage but CURRENT.</p>\n</section>\n");
    }

    private void ageing(StringBuilder h, FinanceReport r) {
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

    private void breaks(StringBuilder h, FinanceReport r) {
        h.append("<section id=\"breaks\">\n<h2>Reconciliation breaks and suspense</h2>\n<div class=\"cols\">\n<div>\n"
                + "<table class=\"breaks-summary\">\n<thead><tr>"
                + "<th>Break type</th><th class=\"n\">Raised this run</th><th>Largest items</th></tr></thead>\n<tbody>\n");
        for (FinanceReport.BreakGroup g : r.breaks()) {
            h.append("<tr><td>").append(esc(g.type())).append("</td>")
                    .append(num(Long.toString(g.count()), "breaks", g.type()))
                    .append("<td class=\"sub\">").append(g.count() == 0 ? "" : g.count() > g.top().size()
                            ? "top " + g.top().size() + " of " + grouped(Long.toString(g.count())) + " below"
                            : "all listed below").append("</td></tr>\n");
        }
        h.append("</tbody>\n</table>\n");
        String resolved = String.join(", ", r.resolved().entrySet().stream()
                .map(e -> esc(e.getKey()) + " " + grouped(e.getValue())).toList());
        h.append("<p class=\"note\">Resolved this run (suspense released, UNKNOWN_ACCOUNT breaks listed in"
                + " recon_breaks.csv with resolved_date): ").append(resolved.isEmpty() ? "none" : resolved)
                .append(".</p>\n</div>\n");
        suspense(h, r);
        h.append("</div>\n");
        for (FinanceReport.BreakGroup g : r.breaks()) {
            if (g.top().isEmpty()) {
                continue;
            }
            h.append("<h3>").append(esc(g.type())).append(g.count() > g.top().size()
                    ? " - the " + g.top().size() + " largest of " + grouped(Long.toString(g.count())) : "")
                    .append("</h3>\n<table class=\"break-items\" data-break-type=\"").append(esc(g.type()))
                    .append("\">\n<thead><tr><th style=\"width:24%\">Reference</th><th style=\"width:10%\">Source</th>"
                            + "<th style=\"width:22%\">Account</th><th class=\"n\" style=\"width:13%\">Expected</th>"
                            + "<th class=\"n\" style=\"width:13%\">Actual</th><th class=\"n\" style=\"width:11%\">Difference</th>"
                            + "<th style=\"width:7%\">Currency</th></tr></thead>\n<tbody>\n");
            for (FinanceReport.BreakItem b : g.top()) {
                h.append("<tr><td>").append(esc(b.reference())).append("</td><td>").append(esc(b.source()))
                        .append("</td><td>").append(esc(nullToEmpty(b.accountId()))).append("</td>")
                        .append(num(b.expected(), null, null)).append(num(b.actual(), null, null))
                        .append(num(b.difference(), null, null)).append("<td>").append(esc(nullToEmpty(b.currency())))
                        .append("</td></tr>\n");
            }
            h.append("</tbody>\n</table>\n");
        }
        h.append("<p class=\"note\">Largest first by the absolute difference (else the row's amount, else the"
                + " expected ledger balance); amounts in each break's own currency.</p>\n</section>\n");
    }

    /** SPEC 10: only when the policy has a runway block. */
    private void runway(StringBuilder h, FinanceReport r) {
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

    private void trend(StringBuilder h, FinanceReport r) {
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

    private void suspense(StringBuilder h, FinanceReport r) {
        h.append("<div id=\"suspense\">\n");
        if (r.openSuspense().isEmpty()) {
            h.append("<p class=\"sub\">Open suspense: nothing is waiting for its account.</p>\n");
        } else {
            h.append("<table>\n<thead><tr><th>Open suspense</th><th>Source</th><th class=\"n\">Items</th>"
                    + "<th class=\"n\">Amount</th><th class=\"n\">Oldest (days)</th></tr></thead>\n<tbody>\n");
            for (FinanceReport.SuspenseLine s : r.openSuspense()) {
                h.append("<tr><td>").append(esc(s.currency())).append("</td><td>").append(esc(s.source())).append("</td>")
                        .append(num(Long.toString(s.items()), null, null)).append(num(s.amount(), null, null))
                        .append(num(Long.toString(s.oldestDays()), null, null)).append("</tr>\n");
            }
            h.append("</tbody>\n</table>\n");
        }
        h.append("<p class=\"note\">Rows of spend and payments files waiting for their account; they post with"
                + " their own date once it arrives. Age: days since the business date of the file they came in."
                + " List them with the view finance_open_suspense (sql/finance_queries.sql).</p>\n</div>\n");
    }

    // ---- charts ----

    private static String ageingChart(FinanceReport.Ageing a) {
        int labelW = 52;
        int barW = 300;
        int rowH = 22;
        int width = 520;
        int height = a.buckets().size() * rowH + 6;
        BigDecimal max = a.buckets().stream().map(b -> new BigDecimal(b.owed())).max(BigDecimal::compareTo)
                .orElse(BigDecimal.ZERO);
        StringBuilder s = new StringBuilder();
        s.append("<svg width=\"").append(width).append("\" height=\"").append(height)
                .append("\" viewBox=\"0 0 ").append(width).append(' ').append(height)
                .append("\" role=\"img\" aria-label=\"").append(esc("owed " + a.currency() + " by ageing bucket"))
                .append("\">\n");
        s.append("<line class=\"axis\" x1=\"").append(labelW).append("\" y1=\"0\" x2=\"").append(labelW)
                .append("\" y2=\"").append(height - 4).append("\"/>\n");
        for (int i = 0; i < a.buckets().size(); i++) {
            FinanceReport.Bucket b = a.buckets().get(i);
            int y = i * rowH + 3;
            int w = scale(new BigDecimal(b.owed()), max, barW);
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
        StringBuilder s = new StringBuilder();
        s.append("<svg width=\"").append(width).append("\" height=\"").append(height)
                .append("\" viewBox=\"0 0 ").append(width).append(' ').append(height).append("\" role=\"img\" aria-label=\"")
                .append(esc(what + " by business date")).append("\">\n");
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
            int hgt = scale(v, max, plotH);
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

    /** A bar's length: at least 1 for anything non-zero, so a small amount still shows. */
    private static int scale(BigDecimal v, BigDecimal max, int full) {
        if (v.signum() <= 0 || max.signum() <= 0) {
            return 0;
        }
        int len = v.multiply(BigDecimal.valueOf(full)).divide(max, 0, RoundingMode.HALF_UP).intValue();
        return Math.max(len, 1);
    }

    private static String money(BigDecimal total, List<FinanceReport.Bucket> buckets) {
        int scale = buckets.isEmpty() ? 0 : new BigDecimal(buckets.get(0).owed()).scale();
        return total.setScale(Math.max(scale, 0), RoundingMode.UNNECESSARY).toPlainString();
    }

    // ---- cells and text ----

    /** A right-aligned number cell; marked with its recon_summary metric and key when it is one. */
    private static String num(String plain, String metric, String key) {
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

    private static String check(boolean pass, String detail) {
        String title = detail == null ? "" : " title=\"" + esc(detail) + "\"";
        return pass ? "<span class=\"pass\"" + title + ">PASS</span>" : "<span class=\"fail\"" + title + ">FAIL</span>";
    }

    /** A plain decimal with thousands separators in its integer part: -1234567.50 becomes -1,234,567.50. */
    static String grouped(String plain) {
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
    static String esc(String text) {
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

    private static String nullToEmpty(String s) {
        return s == null ? "" : s;
    }
}
