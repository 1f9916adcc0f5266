package com.p4p.arrears.arrears;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;

import org.junit.jupiter.api.Test;

import com.p4p.arrears.policy.Policy;
import com.p4p.arrears.policy.PolicyLoader;

/** A policy may name any stages and actions (SPEC 6); nothing of the default policy is built in. */
class CustomPolicyTest {

    private static final LocalDate D = LocalDate.of(2024, 6, 30);

    private static final Policy CUSTOM = PolicyLoader.parse("""
            currencies:
              GBP: { minor_digits: 2, credit_min_owed: 5.00 }
            stages:
              - { name: REMIND,    min_days_past_due: 1,  enter: [SEND_EMAIL] }
              - { name: PAUSE,     min_days_past_due: 5,  enter: [PAUSE_CAMPAIGNS, CALL_SELLER], leave: [RESUME_CAMPAIGNS, THANK_SELLER] }
              - { name: TERMINATE, min_days_past_due: 10, min_owed: { GBP: 100.00 },
                  enter: [END_CONTRACT], leave: [RENEW_CONTRACT], sticky: true }
            """, "custom");

    /** Two sticky stages, to see the floor move up to the most severe one reached. */
    private static final Policy TWO_STICKY = PolicyLoader.parse("""
            currencies:
              GBP: { minor_digits: 2 }
            stages:
              - { name: LOCKED,  min_days_past_due: 2, enter: [LOCK],   leave: [UNLOCK], sticky: true }
              - { name: WATCHED, min_days_past_due: 4, enter: [WATCH],  leave: [UNWATCH] }
              - { name: BANNED,  min_days_past_due: 8, enter: [BAN],    leave: [UNBAN],  sticky: true }
            """, "two-sticky");

    private static EnforcementAction act(String action, String from, String to) {
        return new EnforcementAction(action, from, to);
    }

    @Test
    void owingBeforeTheFirstStageAppliesIsStillCurrent() {
        ArrearsOutcome out = new AccountHistory(new ArrearsEngine(CUSTOM), "GBP").charge(D, "40.00").night(D);
        assertThat(out.owed()).isEqualByComparingTo("40.00");
        assertThat(out.stage()).isEqualTo("CURRENT");
        assertThat(out.actions()).isEmpty();
    }

    @Test
    void customStagesAndActionsFlowThroughEscalationStickinessAndRelease() {
        AccountHistory a = new AccountHistory(new ArrearsEngine(CUSTOM), "GBP")
                .charge(D.minusDays(12), "150.00").charge(D, "1.00");

        ArrearsOutcome up = a.night(D);
        assertThat(up.stage()).isEqualTo("TERMINATE");
        assertThat(up.actions()).containsExactly(
                act("SEND_EMAIL", "CURRENT", "TERMINATE"),
                act("PAUSE_CAMPAIGNS", "CURRENT", "TERMINATE"),
                act("CALL_SELLER", "CURRENT", "TERMINATE"),
                act("END_CONTRACT", "CURRENT", "TERMINATE"));

        ArrearsOutcome held = a.pay("150.00").night(D.plusDays(1));
        assertThat(held.owed()).isEqualByComparingTo("1.00");
        assertThat(held.stage()).isEqualTo("TERMINATE");
        assertThat(held.actions()).isEmpty();

        ArrearsOutcome released = a.pay("1.00").night(D.plusDays(2));
        assertThat(released.stage()).isEqualTo("CURRENT");
        assertThat(released.actions()).containsExactly(
                act("RENEW_CONTRACT", "TERMINATE", "CURRENT"),
                act("RESUME_CAMPAIGNS", "TERMINATE", "CURRENT"),
                act("THANK_SELLER", "TERMINATE", "CURRENT"));
    }

    @Test
    void stickyFloorRisesToTheMostSevereStickyStageReached() {
        AccountHistory a = new AccountHistory(new ArrearsEngine(TWO_STICKY), "GBP")
                .charge(D.minusDays(5), "10.00").charge(D, "10.00");

        ArrearsOutcome watched = a.night(D);
        assertThat(watched.stage()).isEqualTo("WATCHED");
        assertThat(watched.next().stickyFloor()).isEqualTo("LOCKED");

        // Only today's charge is left: 1 day old, but the account cannot drop below LOCKED.
        ArrearsOutcome locked = a.pay("10.00").night(D.plusDays(1));
        assertThat(locked.daysPastDue()).isEqualTo(1);
        assertThat(locked.stage()).isEqualTo("LOCKED");
        assertThat(locked.actions()).containsExactly(act("UNWATCH", "WATCHED", "LOCKED"));

        ArrearsOutcome banned = a.night(D.plusDays(8));
        assertThat(banned.stage()).isEqualTo("BANNED");
        assertThat(banned.next().stickyFloor()).isEqualTo("BANNED");

        ArrearsOutcome stillBanned = a.charge(D.plusDays(9), "5.00").pay("10.00").night(D.plusDays(9));
        assertThat(stillBanned.daysPastDue()).isZero();
        assertThat(stillBanned.stage()).isEqualTo("BANNED");
    }
}
