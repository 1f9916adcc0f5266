-- Intraday payment files lifted between two nights (SPEC 13). A lift posts to the same ledger as the
-- night (ids taken intraday stay taken), but its own records are kept apart from the night's: the
-- night's payments file shares the business date, and its rejects, tallies and file record are keyed
-- by (business_date, source). A lift is identified by its file's date and time (file_time HHmmss).

-- Each lifted file as verified (header and trailer) before anything of it was posted.
CREATE TABLE intraday_file (
    business_date DATE          NOT NULL,
    file_time     CHAR(6)       NOT NULL,
    file_name     VARCHAR(1000) NOT NULL,
    data_rows     BIGINT        NOT NULL,
    control_total VARCHAR(64)   NULL,
    PRIMARY KEY (business_date, file_time)
);

-- Dispositions of each committed chunk of a lifted file (as ingest_tally for the night's files).
CREATE TABLE intraday_tally (
    business_date     DATE        NOT NULL,
    file_time         CHAR(6)     NOT NULL,
    first_line        INT         NOT NULL,
    rows_read         INT         NOT NULL,
    posted            INT         NOT NULL,
    rejected          INT         NOT NULL,
    duplicate         INT         NOT NULL,
    conflict          INT         NOT NULL,
    suspended         INT         NOT NULL,
    currency_mismatch INT         NOT NULL,
    PRIMARY KEY (business_date, file_time, first_line)
);

-- Rows of a lifted file refused by validation, with their raw text.
CREATE TABLE intraday_reject (
    business_date DATE        NOT NULL,
    file_time     CHAR(6)     NOT NULL,
    line_number   INT         NOT NULL,
    reason        VARCHAR(32) NOT NULL,
    raw_line      MEDIUMTEXT  NOT NULL,
    PRIMARY KEY (business_date, file_time, line_number)
);

-- The accounts a lifted file's rows posted to: the only accounts the lift looks at; lifted_from and
-- lifted_to are set when the lift lowered the account's enforced stage (a stage without leave actions
-- can go down without an action, so intraday_action alone does not tell).
CREATE TABLE intraday_account (
    business_date DATE        NOT NULL,
    file_time     CHAR(6)     NOT NULL,
    account_id    VARCHAR(64) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
    lifted_from   VARCHAR(64) NULL,
    lifted_to     VARCHAR(64) NULL,
    PRIMARY KEY (business_date, file_time, account_id)
);

-- The leave actions a lift emitted, in emission order per account (enforcement_action is the night's).
CREATE TABLE intraday_action (
    business_date DATE          NOT NULL,
    file_time     CHAR(6)       NOT NULL,
    account_id    VARCHAR(64) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
    seq           INT           NOT NULL,
    store_id      VARCHAR(64) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
    action        VARCHAR(64)   NOT NULL,
    from_stage    VARCHAR(64)   NOT NULL,
    to_stage      VARCHAR(64)   NOT NULL,
    owed          DECIMAL(24,4) NOT NULL,
    currency      VARCHAR(64) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
    days_past_due INT           NOT NULL,
    PRIMARY KEY (business_date, file_time, account_id, seq)
);

-- A break raised by a lift carries its file's time: it is in that lift's recon_breaks.csv, not in the
-- night's list of new breaks (NULL: raised by the night).
ALTER TABLE recon_break ADD COLUMN intraday_file CHAR(6) NULL;
