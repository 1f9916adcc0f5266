package com.p4p.arrears.report;

import com.p4p.arrears.report.AccountExplanation.CreditExplanation;
import com.p4p.arrears.report.AccountExplanation.FifoDay;
import com.p4p.arrears.report.AccountExplanation.Row;
import com.p4p.arrears.report.AccountExplanation.StageCheck;
import com.p4p.arrears.report.AccountExplanation.Transition;
import com.p4p.arrears.report.AccountExplanation.CreditEvent;

/** {@link AccountExplanation} as text for a person at a terminal (support staff). */
public final class AccountExplanationText {

    private AccountExplanationText() {
    }

    public static String render(AccountExplanation e) {
        Row r = e.row();
        StringBuilder out = new StringBuilder();
        out.append("account ").append(r.accountId()).append("  store ").append(r.storeId()).append("  ")
                .append(r.currency()).append("  night of ").append(r.businessDate()).append('\n');
        out.append("policy: ").append(e.policySource()).append("\n\n");

        out.append("account_status.csv row\n");
        new TextTable("  ", false, false)
                .row("balance", r.balance()).row("owed", r.owed()).row("oldest_unpaid_date", dash(r.oldestUnpaidDate()))
                .row("days_past_due", r.daysPastDue()).row("stage", r.stage()).row("enforced_stage", r.enforcedStage())
                .row("credit_status", r.creditStatus()).row("hold", r.hold()).printTo(out);

        out.append("\nLedger (every entry posted up to ").append(r.businessDate()).append(")\n");
        new TextTable("  ", false, true)
                .row("credits (payments - refunds - chargebacks)", e.credits())
                .row("debits (spend)", e.debits())
                .row("balance = credits - debits", r.balance())
                .row("owed = max(0, -balance)", r.owed()).printTo(out);

        out.append("\nFIFO walk (payments settle the oldest charges first: the unpaid ones are the newest)\n");
        if (e.fifo().isEmpty()) {
            out.append("  ").append(e.anchorRule()).append('\n');
        } else {
            TextTable walk = new TextTable("  ", false, true, true, false).row("charge_date", "amount", "running_sum", "");
            for (FifoDay d : e.fifo()) {
                walk.row(d.chargeDate().toString(), d.amount(), d.runningSum(), d.anchor() ? "<- anchor (oldest unpaid)" : "");
            }
            walk.printTo(out);
            out.append("  ").append(e.anchorRule()).append('\n');
        }
        out.append("  days_past_due = ").append(r.oldestUnpaidDate() == null ? "0 (no anchor)"
                : r.businessDate() + " - " + r.oldestUnpaidDate() + " = " + r.daysPastDue() + " days").append('\n');

        out.append("\nStages (least severe first; the most severe stage whose conditions all hold is the computed one)\n");
        TextTable stages = new TextTable("  ", false, true, false, true, false, false, false)
                .row("stage", "min_days", "days " + r.daysPastDue(), "min_owed", "owed " + r.owed(), "matches", "");
        for (StageCheck s : e.stages()) {
            stages.row(s.name(), Integer.toString(s.minDaysPastDue()), held(s.daysHeld()),
                    s.hasAmountCondition() ? (s.minOwed() == null ? "(none for " + r.currency() + ")" : s.minOwed()) : "-",
                    s.owedHeld() == null ? "-" : held(s.owedHeld()), s.matches() ? "yes" : "no", s.sticky() ? "sticky" : "");
        }
        stages.printTo(out);
        out.append("  by its conditions: ").append(e.rulesStage()).append('\n');
        out.append("  sticky floor: ").append(e.stickyFloor() == null ? "none" : e.stickyFloor() + " (reached earlier; it holds until owed = 0)");
        out.append('\n');
        out.append("  computed stage: ").append(r.stage()).append(e.stageFromFloor() ? " (the sticky floor)" : "").append('\n');

        out.append("\nEnforcement\n");
        out.append("  hold: ").append(r.hold()).append(" -> target ").append(e.targetStage())
                .append("Y".equals(r.hold()) ? " (a hold lifts all enforcement)" : " (the computed stage)").append('\n');
        out.append("  enforced stage (what downstream was last told): ").append(r.enforcedStage()).append('\n');
        if (e.transitions().isEmpty()) {
            out.append("  no enforcement action was ever emitted for this account\n");
        } else {
            out.append("  history:\n");
            TextTable history = new TextTable("    ", false, false, false, true, true, false)
                    .row("date", "from", "to", "owed", "dpd", "actions");
            for (Transition t : e.transitions()) {
                history.row(t.businessDate().toString(), t.fromStage(), t.toStage(), t.owed(),
                        Integer.toString(t.daysPastDue()), String.join(", ", t.actions()));
            }
            history.printTo(out);
        }

        CreditExplanation c = e.credit();
        out.append("\nCredit (Metro 2)\n");
        out.append("  owed ").append(r.owed()).append(c.owedBelowMinimum() ? " < " : " >= ").append("credit_min_owed ")
                .append(c.creditMinOwed()).append(c.owedBelowMinimum() ? " (not held)" : " (held)").append(", days_past_due ")
                .append(r.daysPastDue()).append(c.under30Days() ? " < 30 (not held)" : " >= 30 (held)")
                .append(" -> earned ").append(c.earned()).append(meaning(c.earned())).append('\n');
        out.append("  reported: ").append(c.reported()).append(c.withheld()
                ? " (a worse status is not reported while the hold is Y: the last reported one stands)" : "").append('\n');
        out.append("  date of first delinquency of the open episode: ")
                .append(c.dateOfFirstDelinquency() == null ? "none (no episode open)" : c.dateOfFirstDelinquency().toString())
                .append('\n');
        if (!c.history().isEmpty()) {
            TextTable records = new TextTable("    ", false, false, false, false, true, true, false)
                    .row("date", "event", "status", "previous", "past_due", "dpd", "first_delinquency");
            for (CreditEvent x : c.history()) {
                records.row(x.businessDate().toString(), x.event(), x.statusCode(), x.previousStatusCode(),
                        x.amountPastDue(),
                        Integer.toString(x.daysPastDue()), Formats.date(x.firstDelinquency()));
            }
            out.append("  records:\n");
            records.printTo(out);
        }

        AccountExplanation.Runway w = e.runway();
        if (w != null) {
            out.append("\nRunway forecast (window_days ").append(w.windowDays()).append(", horizon_days ")
                    .append(w.horizonDays()).append(")\n");
            out.append("  the runs ").append(w.windowFrom()).append(" .. ").append(r.businessDate());
            if (w.nights().isEmpty()) {
                out.append(" posted no spend to the account\n");
            } else {
                out.append(" posted (by the run that posted it):\n");
                TextTable spend = new TextTable("    ", false, true);
                w.nights().forEach(x -> spend.row(x.businessDate().toString(), x.spend()));
                spend.printTo(out);
            }
            new TextTable("  ", false, true)
                    .row("S (the spend of the window's runs)", w.windowSpend())
                    .row("balance", w.balance())
                    .row("daily_spend = S / window_days", dash(w.dailySpend()))
                    .row("days_to_zero = floor(balance x window_days / S)", dash(w.daysToZero()))
                    .row("in_band (days_to_zero < horizon_days)", w.inBand() ? "Y" : "N").printTo(out);
            out.append("  ").append(w.reason()).append('\n');
            out.append(w.forecast() ? "  (the account's runway.csv row)\n" : "  (no runway.csv row for the account)\n");
        }

        if (!e.disagreements().isEmpty()) {
            out.append("\nWARNING: recomputing does not give what the night stored:\n");
            e.disagreements().forEach(d -> out.append("  ").append(d).append('\n'));
        }
        return out.toString();
    }

    private static String held(boolean held) {
        return held ? "held" : "not held";
    }

    private static String dash(String s) {
        return s == null ? "-" : s;
    }

    private static String meaning(String code) {
        return switch (code) {
            case "11" -> " (current)";
            case "71" -> " (30-59 days)";
            case "78" -> " (60-89 days)";
            case "80" -> " (90-119 days)";
            case "82" -> " (120-149 days)";
            case "83" -> " (150-179 days)";
            case "84" -> " (180 days or more)";
            default -> "";
        };
    }
}
