package com.p4p.arrears.ingest;

/** Why a row was rejected, in the order SPEC 3 ranks them: a row with several defects gets the first. */
public enum RejectReason {
    MALFORMED_ROW, MISSING_FIELD, BAD_ID, BAD_DATE, FUTURE_DATE, BAD_CURRENCY, BAD_AMOUNT, BAD_TYPE,
    BAD_CLICKS, BAD_FLAG, CURRENCY_CHANGE
}
