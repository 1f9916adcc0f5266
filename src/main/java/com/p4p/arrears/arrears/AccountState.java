package com.p4p.arrears.arrears;

import java.time.LocalDate;
import java.util.Objects;

/**
 * What must survive from one night's classification to the next. Only text, dates and booleans, so
 * it maps onto plain SQL columns.
 *
 * @param computedStage          the stage the rules gave (after the sticky floor)
 * @param enforcedStage          what downstream systems were last told
 * @param stickyFloor            the sticky stage the account cannot drop below until owed = 0; null when none
 * @param reportedCreditStatus   the Metro 2 status last reported to the bureaus
 * @param dateOfFirstDelinquency the open credit episode's date; null while the reported status is 11
 * @param inLowBand              whether this night saw the balance in the low-balance band
 * @param inRunwayBand           whether this night saw the account in the runway band (SPEC 10)
 */
public record AccountState(String computedStage, String enforcedStage, String stickyFloor,
                           String reportedCreditStatus, LocalDate dateOfFirstDelinquency, boolean inLowBand,
                           boolean inRunwayBand) {

    /** A state of a night that saw the account outside the runway band. */
    public AccountState(String computedStage, String enforcedStage, String stickyFloor, String reportedCreditStatus,
                        LocalDate dateOfFirstDelinquency, boolean inLowBand) {
        this(computedStage, enforcedStage, stickyFloor, reportedCreditStatus, dateOfFirstDelinquency, inLowBand, false);
    }

    public AccountState {
        Objects.requireNonNull(computedStage, "computedStage");
        Objects.requireNonNull(enforcedStage, "enforcedStage");
        Objects.requireNonNull(reportedCreditStatus, "reportedCreditStatus");
    }
}
