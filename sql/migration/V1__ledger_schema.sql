-- P4P arrears pipeline: ledger schema (MySQL / MariaDB; also runs on H2 in MySQL mode).
-- Ids are case-sensitive and sort by byte order (SPEC 2), so every id column is ascii_bin:
-- MySQL's default collations would make 'A1' and 'a1' the same account.
-- Money is DECIMAL with four places (policy currencies carry at most four minor digits).

-- Advertiser accounts and their running ledger totals.
CREATE TABLE account (
    account_id             VARCHAR(64) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
    store_id               VARCHAR(64) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
    currency               VARCHAR(64) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
    opened_date            DATE         NOT NULL,
    enforcement_hold       CHAR(1)      NOT NULL,
    first_seen_date        DATE         NOT NULL,
    -- the snapshot row last applied: a second row for the account in the same file is a duplicate
    snapshot_date          DATE         NOT NULL,
    snapshot_line          INT          NOT NULL,
    -- totals of every posted entry up to totals_as_of (applied once per business date)
    debits                 DECIMAL(24,4) NOT NULL DEFAULT 0,
    credits                DECIMAL(24,4) NOT NULL DEFAULT 0,
    totals_as_of           DATE         NULL,
    -- earliest REFUND or CHARGEBACK date: the ageing anchor of an account with no spend
    earliest_reversal_date DATE         NULL,
    PRIMARY KEY (account_id)
);

-- The immutable ledger: one row per posted charge or payment, unique by source id.
CREATE TABLE ledger_entry (
    entry_id            BIGINT       NOT NULL AUTO_INCREMENT,
    source              VARCHAR(16)  NOT NULL,  -- spend | payments
    source_id           VARCHAR(64) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
    account_id          VARCHAR(64) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
    entry_type          VARCHAR(16)  NOT NULL,  -- SPEND | PAYMENT | REFUND | CHARGEBACK
    entry_date          DATE         NOT NULL,  -- charge_date or paid_date
    amount              DECIMAL(20,4) NOT NULL, -- always > 0; entry_type gives the sign
    currency            VARCHAR(64) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
    campaign_id         VARCHAR(64) CHARACTER SET ascii COLLATE ascii_bin NULL,
    clicks              BIGINT       NULL,
    channel             VARCHAR(1000) CHARACTER SET utf8mb4 COLLATE utf8mb4_bin NULL,
    original_payment_id VARCHAR(64) CHARACTER SET ascii COLLATE ascii_bin NULL,
    posted_date         DATE         NOT NULL,  -- business date of the run that posted it
    received_date       DATE         NOT NULL,  -- business date of the file it came in
    line_number         INT          NOT NULL,
    PRIMARY KEY (entry_id),
    -- source_id first: a chunk's lookups are source_id IN (...), which both databases serve from it
    UNIQUE KEY uk_ledger_source_id (source_id, source),
    KEY ix_ledger_account (account_id, entry_date)
);

-- Valid rows for accounts the ledger does not know yet (SPEC 3, SUSPENDED).
CREATE TABLE suspense_item (
    suspense_id         BIGINT       NOT NULL AUTO_INCREMENT,
    source              VARCHAR(16)  NOT NULL,
    source_id           VARCHAR(64) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
    account_id          VARCHAR(64) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
    entry_type          VARCHAR(16)  NOT NULL,
    entry_date          DATE         NOT NULL,
    amount              DECIMAL(20,4) NOT NULL,
    currency            VARCHAR(64) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
    campaign_id         VARCHAR(64) CHARACTER SET ascii COLLATE ascii_bin NULL,
    clicks              BIGINT       NULL,
    channel             VARCHAR(1000) CHARACTER SET utf8mb4 COLLATE utf8mb4_bin NULL,
    original_payment_id VARCHAR(64) CHARACTER SET ascii COLLATE ascii_bin NULL,
    received_date       DATE         NOT NULL,
    line_number         INT          NOT NULL,
    status              VARCHAR(32)  NOT NULL,  -- OPEN | POSTED | CURRENCY_MISMATCH
    resolved_date       DATE         NULL,
    PRIMARY KEY (suspense_id),
    KEY ix_suspense_source_id (source_id, source),
    KEY ix_suspense_status (status, account_id)
);

-- Rows refused by validation, with their raw text (SPEC 3, rejected).
CREATE TABLE reject_row (
    business_date DATE         NOT NULL,
    source        VARCHAR(16)  NOT NULL,
    line_number   INT          NOT NULL,
    reason        VARCHAR(32)  NOT NULL,
    raw_line      MEDIUMTEXT   NOT NULL,
    PRIMARY KEY (business_date, source, line_number)
);

-- Reconciliation breaks (SPEC 3 and 8). A suspense break is resolved in place (resolved_date).
CREATE TABLE recon_break (
    break_id      BIGINT       NOT NULL AUTO_INCREMENT,
    business_date DATE         NOT NULL,  -- the run that raised it
    break_type    VARCHAR(32)  NOT NULL,
    source        VARCHAR(16)  NOT NULL,
    reference     VARCHAR(64) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
    account_id    VARCHAR(64) CHARACTER SET ascii COLLATE ascii_bin NULL,
    expected      DECIMAL(24,4) NULL,
    actual        DECIMAL(24,4) NULL,
    difference    DECIMAL(24,4) NULL,
    currency      VARCHAR(64) CHARACTER SET ascii COLLATE ascii_bin NULL,
    resolved_date DATE         NULL,
    PRIMARY KEY (break_id),
    KEY ix_break_raised (business_date, break_type),
    KEY ix_break_resolved (resolved_date),
    KEY ix_break_reference (reference)
);

-- Dispositions of each committed chunk of input rows; summed, they prove every row is accounted for.
CREATE TABLE ingest_tally (
    business_date     DATE        NOT NULL,
    source            VARCHAR(16) NOT NULL,
    first_line        INT         NOT NULL,
    rows_read         INT         NOT NULL,
    posted            INT         NOT NULL,
    rejected          INT         NOT NULL,
    duplicate         INT         NOT NULL,
    conflict          INT         NOT NULL,
    suspended         INT         NOT NULL,
    currency_mismatch INT         NOT NULL,
    PRIMARY KEY (business_date, source, first_line)
);

-- The date's delivered files as verified before anything was posted.
CREATE TABLE input_file (
    business_date DATE          NOT NULL,
    source        VARCHAR(16)   NOT NULL,
    file_name     VARCHAR(1000) NOT NULL,
    data_rows     BIGINT        NOT NULL,
    control_total VARCHAR(64)   NULL,  -- as summed from the file, at the scale its amounts carry
    PRIMARY KEY (business_date, source)
);

-- What the day's postings did to each account (written chunk by chunk, applied once to account).
CREATE TABLE account_day_delta (
    business_date DATE          NOT NULL,
    account_id    VARCHAR(64) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
    debits        DECIMAL(24,4) NOT NULL,
    credits       DECIMAL(24,4) NOT NULL,
    PRIMARY KEY (business_date, account_id)
);

-- Spend per account per charge date: all the history FIFO ageing needs (SPEC 5).
CREATE TABLE account_spend_day (
    account_id  VARCHAR(64) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
    charge_date DATE          NOT NULL,
    amount      DECIMAL(24,4) NOT NULL,
    PRIMARY KEY (account_id, charge_date)
);

-- Per-currency control totals of each business date (finance's opening -> closing).
CREATE TABLE currency_day (
    business_date   DATE          NOT NULL,
    currency        VARCHAR(64) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
    opening_balance DECIMAL(30,4) NOT NULL,
    debits          DECIMAL(30,4) NOT NULL,
    credits         DECIMAL(30,4) NOT NULL,
    closing_balance DECIMAL(30,4) NOT NULL,
    PRIMARY KEY (business_date, currency)
);

-- Each account's arrears state after the last classified business date.
CREATE TABLE account_state (
    account_id         VARCHAR(64) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
    as_of_date         DATE          NOT NULL,
    balance            DECIMAL(24,4) NOT NULL,
    owed               DECIMAL(24,4) NOT NULL,
    oldest_unpaid_date DATE          NULL,
    days_past_due      INT           NOT NULL,
    stage              VARCHAR(64)   NOT NULL,
    enforced_stage     VARCHAR(64)   NOT NULL,
    sticky_floor       VARCHAR(64)   NULL,
    credit_status      VARCHAR(8)    NOT NULL,
    first_delinquency  DATE          NULL,
    in_low_band        CHAR(1)       NOT NULL,
    PRIMARY KEY (account_id)
);

-- Enforcement actions for downstream systems, in emission order per account.
CREATE TABLE enforcement_action (
    business_date DATE          NOT NULL,
    account_id    VARCHAR(64) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
    seq           INT           NOT NULL,
    store_id      VARCHAR(64) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
    action        VARCHAR(64)   NOT NULL,
    from_stage    VARCHAR(64)   NOT NULL,
    to_stage      VARCHAR(64)   NOT NULL,
    owed          DECIMAL(24,4) NOT NULL,
    currency      VARCHAR(64) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
    days_past_due INT           NOT NULL,
    PRIMARY KEY (business_date, account_id, seq)
);

-- Credit-impact records (Metro 2 status changes), at most one per account per date.
CREATE TABLE credit_impact (
    business_date        DATE          NOT NULL,
    account_id           VARCHAR(64) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
    event                VARCHAR(16)   NOT NULL,
    status_code          VARCHAR(8)    NOT NULL,
    previous_status_code VARCHAR(8)    NOT NULL,
    amount_past_due      DECIMAL(24,4) NOT NULL,
    currency             VARCHAR(64) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
    days_past_due        INT           NOT NULL,
    first_delinquency    DATE          NULL,
    PRIMARY KEY (business_date, account_id)
);

-- The summary of each run as written to recon_summary.csv (kept for trends).
CREATE TABLE recon_summary (
    business_date DATE         NOT NULL,
    metric        VARCHAR(64)  NOT NULL,
    metric_key    VARCHAR(64) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
    metric_value  VARCHAR(64)  NOT NULL,
    PRIMARY KEY (business_date, metric, metric_key)
);

-- The first valid row per account of the day's balances file, and what became of it.
CREATE TABLE balance_report (
    business_date DATE          NOT NULL,
    account_id    VARCHAR(64) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
    balance       DECIMAL(24,4) NOT NULL,
    currency      VARCHAR(64) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
    line_number   INT           NOT NULL,
    disposition   VARCHAR(32)   NOT NULL,  -- COMPARED | UNKNOWN_ACCOUNT | CURRENCY_MISMATCH
    PRIMARY KEY (business_date, account_id)
);
