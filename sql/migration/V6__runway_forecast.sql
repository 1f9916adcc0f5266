-- Runway forecast (SPEC 10): each account's forecast of its last classified night, kept beside its
-- arrears state, so runway.csv and the report are reads. All four are written by the classification
-- step on every night: NULL (and 'N') when the policy has no runway block, the balance is 0 or less or
-- the window holds no spend.
ALTER TABLE account_state ADD COLUMN in_runway_band CHAR(1) NOT NULL DEFAULT 'N';
-- S: the spend the last window_days runs posted to the account (account_day_delta.debits)
ALTER TABLE account_state ADD COLUMN window_spend DECIMAL(24,4) NULL;
-- S / window_days, half-even to the currency's minor digits
ALTER TABLE account_state ADD COLUMN daily_spend DECIMAL(24,4) NULL;
-- floor(balance * window_days / S): a balance of 10^20 over a spend of 0.0001 still fits
ALTER TABLE account_state ADD COLUMN days_to_zero DECIMAL(40,0) NULL;
-- The window carried to the next night (arrears/RunwaySpendWindow): the account's total debits, then the
-- spend of each of the window's other nights, so a night reads no spend history. NULL: read it instead.
ALTER TABLE account_state ADD COLUMN runway_carried VARCHAR(4000) CHARACTER SET ascii COLLATE ascii_bin NULL;

-- Every account forecast on the last classified night (the rows of its runway.csv), with its balance
-- and rate. Read-only, like the other finance views.
CREATE VIEW finance_runway AS
SELECT s.as_of_date,
       s.account_id,
       a.store_id,
       a.currency,
       s.balance,
       s.window_spend,
       s.daily_spend,
       s.days_to_zero,
       s.in_runway_band AS in_band
  FROM account_state s
  JOIN account a ON a.account_id = s.account_id
 WHERE s.days_to_zero IS NOT NULL;

-- Per currency: accounts forecast, those in the runway band and the balance they have left.
CREATE VIEW finance_runway_by_currency AS
SELECT a.currency,
       COUNT(*) AS accounts_forecast,
       SUM(CASE WHEN s.in_runway_band = 'Y' THEN 1 ELSE 0 END) AS accounts_in_band,
       COALESCE(SUM(CASE WHEN s.in_runway_band = 'Y' THEN s.balance END), 0) AS balance_in_band,
       COALESCE(SUM(CASE WHEN s.in_runway_band = 'Y' THEN s.daily_spend END), 0) AS daily_spend_in_band
  FROM account_state s
  JOIN account a ON a.account_id = s.account_id
 WHERE s.days_to_zero IS NOT NULL
 GROUP BY a.currency;
