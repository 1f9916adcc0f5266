package com.p4p.arrears.arrears;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.Objects;

import com.p4p.arrears.credit.CreditRecord;

/**
 * One account's classification for the business date: its account_status row, its enforcement
 * actions in emission order, its credit record if the reported status changed, and the state to
 * persist for the next night.
 *
 * @param oldestUnpaidDate the FIFO anchor; null when nothing is owed (or no date can be found)
 * @param stage            the computed stage (the sticky floor applied)
 * @param creditStatus     the last reported credit status, after tonight
 * @param creditRecord     null when the reported status did not change
 * @param runway           the runway forecast (SPEC 10); null without a runway block, or when the balance is
 *                         0 or less or the window holds no spend
 */
public record ArrearsOutcome(BigDecimal owed, LocalDate oldestUnpaidDate, int daysPastDue, String stage,
                             String enforcedStage, String creditStatus, List<EnforcementAction> actions,
                             CreditRecord creditRecord, AccountState next, RunwayForecast runway) {

    public ArrearsOutcome(BigDecimal owed, LocalDate oldestUnpaidDate, int daysPastDue, String stage,
                          String enforcedStage, String creditStatus, List<EnforcementAction> actions,
                          CreditRecord creditRecord, AccountState next) {
        this(owed, oldestUnpaidDate, daysPastDue, stage, enforcedStage, creditStatus, actions, creditRecord, next, null);
    }

    public ArrearsOutcome {
        Objects.requireNonNull(owed, "owed");
        Objects.requireNonNull(stage, "stage");
        Objects.requireNonNull(enforcedStage, "enforcedStage");
        Objects.requireNonNull(creditStatus, "creditStatus");
        Objects.requireNonNull(next, "next");
        actions = List.copyOf(actions);
    }
}
