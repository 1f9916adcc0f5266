-- Runway forecast (SPEC 10), narrower rows: daily_spend and days_to_zero are no longer stored on every
-- forecast account's account_state row (29 bytes) but derived where they are read, from balance,
-- window_spend and the two figures of the rule the row was forecast with (5 bytes): runway.csv and
-- explain by arrears/RunwayForecast, finance's views below in SQL, exactly (no floating point). The carried
-- window (runway_carried) is packed since the same change (arrears/RunwaySpendWindow); a text of the
-- earlier format is refused and the window read again, once.
-- Rows forecast before this migration have no rule stored: the views list them again from the next night.
DROP VIEW finance_runway_by_currency;
DROP VIEW finance_runway;

ALTER TABLE account_state DROP COLUMN daily_spend;
ALTER TABLE account_state DROP COLUMN days_to_zero;
-- window_days and the currency's minor digits of the night's rule, on forecast rows only (NULL otherwise)
ALTER TABLE account_state ADD COLUMN runway_days INT NULL;
ALTER TABLE account_state ADD COLUMN runway_digits TINYINT NULL;

-- Every account forecast on the last classified night (the rows of its runway.csv), with its balance
-- and rate. Read-only, like the other finance views. balance > 0 and window_spend > 0 on these rows:
--   days_to_zero = floor(balance x window_days / S), as (x - MOD(x, S)) / S, an exact whole quotient;
--   daily_spend  = S / window_days half-even to the minor digits: with N = S x 10^digits,
--                  q = (N - MOD(N, w)) / w and r = MOD(N, w), q + 1 when 2r > w, or 2r = w and q is odd
--   (w as a decimal in MOD: H2 gives MOD its divisor's type, and an INT would round r).
CREATE VIEW finance_runway AS
SELECT s.as_of_date,
       s.account_id,
       a.store_id,
       a.currency,
       s.balance,
       s.window_spend,
       CAST((((s.window_spend * (CASE s.runway_digits WHEN 0 THEN 1 WHEN 1 THEN 10 WHEN 2 THEN 100 WHEN 3 THEN 1000 ELSE 10000 END) - MOD(s.window_spend * (CASE s.runway_digits WHEN 0 THEN 1 WHEN 1 THEN 10 WHEN 2 THEN 100 WHEN 3 THEN 1000 ELSE 10000 END), CAST(s.runway_days AS DECIMAL(24,4)))) / s.runway_days)
             + CASE WHEN 2 * MOD(s.window_spend * (CASE s.runway_digits WHEN 0 THEN 1 WHEN 1 THEN 10 WHEN 2 THEN 100 WHEN 3 THEN 1000 ELSE 10000 END), CAST(s.runway_days AS DECIMAL(24,4))) > s.runway_days
                      OR (2 * MOD(s.window_spend * (CASE s.runway_digits WHEN 0 THEN 1 WHEN 1 THEN 10 WHEN 2 THEN 100 WHEN 3 THEN 1000 ELSE 10000 END), CAST(s.runway_days AS DECIMAL(24,4))) = s.runway_days AND MOD(((s.window_spend * (CASE s.runway_digits WHEN 0 THEN 1 WHEN 1 THEN 10 WHEN 2 THEN 100 WHEN 3 THEN 1000 ELSE 10000 END) - MOD(s.window_spend * (CASE s.runway_digits WHEN 0 THEN 1 WHEN 1 THEN 10 WHEN 2 THEN 100 WHEN 3 THEN 1000 ELSE 10000 END), CAST(s.runway_days AS DECIMAL(24,4)))) / s.runway_days), 2) = 1)
                    THEN 1 ELSE 0 END)
            / (CASE s.runway_digits WHEN 0 THEN 1 WHEN 1 THEN 10 WHEN 2 THEN 100 WHEN 3 THEN 1000 ELSE 10000 END)
            AS DECIMAL(24,4)) AS daily_spend,
       CAST((s.balance * s.runway_days - MOD(s.balance * s.runway_days, s.window_spend)) / s.window_spend
            AS DECIMAL(40,0)) AS days_to_zero,
       s.in_runway_band AS in_band
  FROM account_state s
  JOIN account a ON a.account_id = s.account_id
 WHERE s.runway_days IS NOT NULL;

-- Per currency: accounts forecast, those in the runway band and the balance they have left.
CREATE VIEW finance_runway_by_currency AS
SELECT r.currency,
       COUNT(*) AS accounts_forecast,
       SUM(CASE WHEN r.in_band = 'Y' THEN 1 ELSE 0 END) AS accounts_in_band,
       COALESCE(SUM(CASE WHEN r.in_band = 'Y' THEN r.balance END), 0) AS balance_in_band,
       COALESCE(SUM(CASE WHEN r.in_band = 'Y' THEN r.daily_spend END), 0) AS daily_spend_in_band
  FROM finance_runway r
 GROUP BY r.currency;
