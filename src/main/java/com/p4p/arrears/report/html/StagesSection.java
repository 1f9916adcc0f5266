package com.p4p.arrears.report.html;

import static com.p4p.arrears.report.html.HtmlText.esc;
import static com.p4p.arrears.report.html.HtmlText.grouped;
import static com.p4p.arrears.report.html.ReportCells.num;

import java.util.List;

import com.p4p.arrears.report.FinanceReport;

/** Section stages: accounts and owed per arrears stage and currency, with totals (owed from the ledger section). */
public final class StagesSection {

    private StagesSection() {
    }

    public static void appendTo(StringBuilder h, FinanceReport r) {
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
}
