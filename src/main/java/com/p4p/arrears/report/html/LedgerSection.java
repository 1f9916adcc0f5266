package com.p4p.arrears.report.html;

import static com.p4p.arrears.report.html.HtmlText.esc;
import static com.p4p.arrears.report.html.ReportCells.check;
import static com.p4p.arrears.report.html.ReportCells.num;

import com.p4p.arrears.report.FinanceReport;

/** Section ledger: opening to closing per currency, and whether closing = opening + credits - debits. */
public final class LedgerSection {

    private LedgerSection() {
    }

    public static void appendTo(StringBuilder h, FinanceReport r) {
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
}
