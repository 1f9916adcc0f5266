package com.p4p.arrears.report;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.p4p.arrears.report.AccountExplanation.CreditEvent;
import com.p4p.arrears.report.AccountExplanation.FifoDay;
import com.p4p.arrears.report.AccountExplanation.StageCheck;
import com.p4p.arrears.report.AccountExplanation.Transition;

/**
 * {@link AccountExplanation} as one JSON object (explain --json). The account_status.csv fields are
 * strings exactly as the file writes them (amounts with the currency's digits), null where the file
 * is empty; amounts elsewhere are strings too, so no reader turns 975.50 into 975.5.
 */
public final class AccountExplanationJson {

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private AccountExplanationJson() {
    }

    public static String render(AccountExplanation e) {
        Map<String, Object> m = AccountExplanation.rowFields(e.row());
        m.put("policy", e.policySource());
        m.put("credits", e.credits());
        m.put("debits", e.debits());
        List<Map<String, Object>> fifo = new ArrayList<>();
        for (FifoDay d : e.fifo()) {
            Map<String, Object> f = new LinkedHashMap<>();
            f.put("charge_date", d.chargeDate().toString());
            f.put("amount", d.amount());
            f.put("running_sum", d.runningSum());
            fifo.add(f);
        }
        m.put("fifo", fifo);
        m.put("anchor_rule", e.anchorRule());
        List<Map<String, Object>> stages = new ArrayList<>();
        for (StageCheck s : e.stages()) {
            Map<String, Object> x = new LinkedHashMap<>();
            x.put("name", s.name());
            x.put("min_days_past_due", s.minDaysPastDue());
            x.put("days_held", s.daysHeld());
            x.put("has_min_owed", s.hasAmountCondition());
            x.put("min_owed", s.minOwed());
            x.put("owed_held", s.owedHeld());
            x.put("matches", s.matches());
            x.put("sticky", s.sticky());
            x.put("enter", s.enter());
            x.put("leave", s.leave());
            stages.add(x);
        }
        m.put("stages", stages);
        m.put("stage_by_conditions", e.rulesStage());
        m.put("sticky_floor", e.stickyFloor());
        m.put("stage_from_sticky_floor", e.stageFromFloor());
        m.put("target_stage", e.targetStage());
        List<Map<String, Object>> transitions = new ArrayList<>();
        for (Transition t : e.transitions()) {
            Map<String, Object> x = new LinkedHashMap<>();
            x.put("business_date", t.businessDate().toString());
            x.put("from_stage", t.fromStage());
            x.put("to_stage", t.toStage());
            x.put("actions", t.actions());
            x.put("owed", t.owed());
            x.put("days_past_due", t.daysPastDue());
            transitions.add(x);
        }
        m.put("transitions", transitions);
        Map<String, Object> credit = new LinkedHashMap<>();
        credit.put("earned_status", e.credit().earned());
        credit.put("reported_status", e.credit().reported());
        credit.put("credit_min_owed", e.credit().creditMinOwed());
        credit.put("owed_below_credit_min_owed", e.credit().owedBelowMinimum());
        credit.put("under_30_days", e.credit().under30Days());
        credit.put("withheld_by_hold", e.credit().withheld());
        credit.put("date_of_first_delinquency", e.credit().dateOfFirstDelinquency() == null ? null
                : e.credit().dateOfFirstDelinquency().toString());
        List<Map<String, Object>> records = new ArrayList<>();
        for (CreditEvent c : e.credit().history()) {
            Map<String, Object> x = new LinkedHashMap<>();
            x.put("business_date", c.businessDate().toString());
            x.put("event", c.event());
            x.put("status_code", c.statusCode());
            x.put("previous_status_code", c.previousStatusCode());
            x.put("amount_past_due", c.amountPastDue());
            x.put("days_past_due", c.daysPastDue());
            x.put("date_of_first_delinquency", c.firstDelinquency() == null ? null : c.firstDelinquency().toString());
            records.add(x);
        }
        credit.put("records", records);
        m.put("credit", credit);
        // SPEC 10: null when the night's policy has no runway block; daily_spend and days_to_zero as runway.csv
        // writes them, null when the account has no row there (no forecast)
        Map<String, Object> runway = null;
        if (e.runway() != null) {
            AccountExplanation.Runway w = e.runway();
            runway = new LinkedHashMap<>();
            runway.put("window_days", w.windowDays());
            runway.put("horizon_days", w.horizonDays());
            runway.put("window_from", w.windowFrom().toString());
            List<Map<String, Object>> nights = new ArrayList<>();
            for (AccountExplanation.RunwayNight x : w.nights()) {
                Map<String, Object> n = new LinkedHashMap<>();
                n.put("business_date", x.businessDate().toString());
                n.put("spend", x.spend());
                nights.add(n);
            }
            runway.put("window_spend_by_run", nights);
            runway.put("window_spend", w.windowSpend());
            runway.put("balance", w.balance());
            runway.put("forecast", w.forecast());
            runway.put("daily_spend", w.dailySpend());
            runway.put("days_to_zero", w.daysToZero());
            runway.put("in_band", w.inBand() ? "Y" : "N");
            runway.put("reason", w.reason());
        }
        m.put("runway", runway);
        m.put("disagreements", e.disagreements());
        try {
            return JSON.writeValueAsString(m);
        } catch (JsonProcessingException ex) {
            throw new IllegalStateException("cannot write the explanation as JSON: " + ex.getMessage(), ex);
        }
    }
}
