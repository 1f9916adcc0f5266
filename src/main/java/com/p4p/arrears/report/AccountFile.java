package com.p4p.arrears.report;

/**
 * The output files sorted by account id (SPEC 8, 10): written in parts by account range
 * ({@link AccountFilesTasklet}) and put together by {@link NightlyOutputsTasklet}.
 */
public enum AccountFile {

    ACCOUNT_STATUS("account_status.csv", "business_date", "account_id", "store_id", "currency", "balance", "owed",
            "oldest_unpaid_date", "days_past_due", "stage", "enforced_stage", "credit_status", "hold"),
    ENFORCEMENT_ACTIONS("enforcement_actions.csv", "business_date", "account_id", "store_id", "action", "from_stage",
            "to_stage", "owed", "currency", "days_past_due"),
    CREDIT_IMPACT("credit_impact.csv", "business_date", "account_id", "event", "status_code", "previous_status_code",
            "amount_past_due", "currency", "days_past_due", "date_of_first_delinquency"),
    RUNWAY("runway.csv", "business_date", "account_id", "currency", "balance", "daily_spend", "days_to_zero",
            "in_band");

    private final String fileName;
    private final String[] header;

    AccountFile(String fileName, String... header) {
        this.fileName = fileName;
        this.header = header;
    }

    public String fileName() {
        return fileName;
    }

    public String[] header() {
        return header.clone();
    }
}
