package com.p4p.arrears.credit;

import java.time.LocalDate;
import java.util.Objects;

/**
 * A change of the reported credit status, one row of credit_impact.csv (without the columns the
 * caller knows: business date, account, amount past due, currency, days past due).
 *
 * @param event                   DELINQUENT, WORSENED, IMPROVED or CURED
 * @param dateOfFirstDelinquency  the anchor on the day the episode's DELINQUENT record was written
 */
public record CreditRecord(String event, String statusCode, String previousStatusCode, LocalDate dateOfFirstDelinquency) {

    public static final String DELINQUENT = "DELINQUENT";
    public static final String WORSENED = "WORSENED";
    public static final String IMPROVED = "IMPROVED";
    public static final String CURED = "CURED";

    public CreditRecord {
        Objects.requireNonNull(event, "event");
        Objects.requireNonNull(statusCode, "statusCode");
        Objects.requireNonNull(previousStatusCode, "previousStatusCode");
        Objects.requireNonNull(dateOfFirstDelinquency, "dateOfFirstDelinquency");
    }
}
