package com.p4p.arrears;

/**
 * The nightly job's step names (as the job repository, the run summary, {@code status} and the metrics
 * show them) and the properties that size their chunks, named once for the steps and the tests.
 */
public final class NightlyStepNames {

    public static final String VERIFY_DELIVERY = "verifyDelivery";
    public static final String INGEST_ACCOUNTS = "ingestAccounts";
    public static final String RELEASE_SUSPENSE = "releaseSuspense";
    public static final String INGEST_SPEND = "ingestSpend";
    public static final String INGEST_PAYMENTS = "ingestPayments";
    public static final String CLOSE_LEDGER_DAY = "closeLedgerDay";
    public static final String COMPARE_BALANCES = "compareBalances";
    public static final String FIND_MISSING_BALANCES = "findMissingBalances";
    public static final String CLASSIFY_ACCOUNTS = "classifyAccounts";
    public static final String WRITE_ACCOUNT_FILES = "writeAccountFiles";
    public static final String WRITE_OUTPUTS = "writeOutputs";

    /** Rows per chunk of every chunked step; {@code pipeline.chunk-size.<step>} sizes one step's. */
    public static final String CHUNK_SIZE = "pipeline.chunk-size";

    private NightlyStepNames() {
    }

    /** The property that sizes {@code step}'s chunks. */
    public static String chunkSizeKey(String step) {
        return CHUNK_SIZE + "." + step;
    }
}
