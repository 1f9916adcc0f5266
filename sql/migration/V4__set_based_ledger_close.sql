-- Posting no longer updates per-account aggregates for the rows it posts. The close of the ledger
-- day sums the day's entries per account in one pass (account_day_delta, now also the spend charged
-- on the business date itself and the earliest refund or chargeback date) and groups late charges
-- (dated before it) by account and date in a second. It finds the day's entries as those after the
-- last entry of the previous close: a primary-key range, no index on posted_date.
CREATE TABLE ledger_day (
    business_date DATE   NOT NULL,
    last_entry_id BIGINT NOT NULL,  -- the highest entry_id when this date's ledger day was closed
    PRIMARY KEY (business_date)
);

ALTER TABLE account_day_delta ADD COLUMN spend_on_date DECIMAL(24,4) NOT NULL DEFAULT 0;
ALTER TABLE account_day_delta ADD COLUMN first_reversal_date DATE NULL;

-- Nothing reads ledger entries by account (ageing reads account_spend_day); inserting 10M entries a
-- night in random account order into this index cost more than writing the entries themselves.
DROP INDEX ix_ledger_account ON ledger_entry;
