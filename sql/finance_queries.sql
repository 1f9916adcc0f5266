-- Finance's queries over the P4P arrears ledger and its reconciliation breaks.
--
-- They read the views of sql/migration/V3__finance_views.sql (created by the pipeline on start-up)
-- and run as they are on MySQL / MariaDB and on the embedded H2 database, e.g.
--   mysql -h DBHOST -u finance -p arrears < sql/finance_queries.sql
-- Read-only: nothing here changes the ledger. Amounts are per currency and never added across
-- currencies. "as of" is the last business date the ledger was closed for (view finance_as_of);
-- ages are days counted to it. Replace the example dates and ids with yours.

-- ---------------------------------------------------------------------------------------------
-- 1. Daily totals per currency (opening -> closing; credits are net of refunds and chargebacks)
-- ---------------------------------------------------------------------------------------------

-- The last night, every currency: balanced = 'Y' when closing = opening + credits - debits.
SELECT business_date, currency, opening_balance, debits, credits, net_movement, closing_balance, balanced
  FROM finance_daily_totals
 WHERE business_date = (SELECT as_of_date FROM finance_as_of)
 ORDER BY currency;

-- One currency over a month, night by night.
SELECT business_date, opening_balance, debits, credits, closing_balance
  FROM finance_daily_totals
 WHERE currency = 'USD'
   AND business_date BETWEEN '2026-11-01' AND '2026-11-30'
 ORDER BY business_date;

-- A month's movements per currency.
SELECT currency, COUNT(*) AS nights, SUM(debits) AS debits, SUM(credits) AS credits,
       SUM(net_movement) AS net_movement
  FROM finance_daily_totals
 WHERE business_date BETWEEN '2026-11-01' AND '2026-11-30'
 GROUP BY currency
 ORDER BY currency;

-- Any night that does not balance (should return nothing).
SELECT business_date, currency, opening_balance, debits, credits, closing_balance
  FROM finance_daily_totals
 WHERE balanced = 'N'
 ORDER BY business_date, currency;

-- ---------------------------------------------------------------------------------------------
-- 2. Open breaks by age
--    category SUSPENSE: an UNKNOWN_ACCOUNT break of a spend or payments row waiting in suspense
--    (resolved by the pipeline when its account arrives); OTHER: every other break, open until
--    finance deals with it.
-- ---------------------------------------------------------------------------------------------

-- How many, how much and how old, per category, type and currency.
SELECT category, break_type, currency, COUNT(*) AS breaks, SUM(ABS(COALESCE(difference, actual, expected))) AS amount,
       MIN(age_days) AS newest_days, MAX(age_days) AS oldest_days
  FROM finance_open_breaks
 GROUP BY category, break_type, currency
 ORDER BY category DESC, break_type, currency;

-- Open breaks in age bands.
SELECT category,
       CASE WHEN age_days <= 2 THEN '0-2'
            WHEN age_days <= 6 THEN '3-6'
            WHEN age_days <= 14 THEN '7-14'
            WHEN age_days <= 29 THEN '15-29'
            ELSE '30+' END AS age_band,
       COUNT(*) AS breaks
  FROM finance_open_breaks
 GROUP BY category,
          CASE WHEN age_days <= 2 THEN '0-2'
               WHEN age_days <= 6 THEN '3-6'
               WHEN age_days <= 14 THEN '7-14'
               WHEN age_days <= 29 THEN '15-29'
               ELSE '30+' END
 ORDER BY category DESC, MIN(age_days);

-- The oldest open breaks, one by one.
SELECT business_date AS raised, age_days, category, break_type, source, reference, account_id,
       expected, actual, difference, currency
  FROM finance_open_breaks
 ORDER BY age_days DESC, break_type, reference
 LIMIT 50;

-- Everything open about one account.
SELECT business_date AS raised, age_days, break_type, source, reference, expected, actual, difference, currency
  FROM finance_open_breaks
 WHERE account_id = 'ACC-US-0007'
 ORDER BY business_date, break_type, reference;

-- ---------------------------------------------------------------------------------------------
-- 3. Accounts by stage (computed arrears stage after the last night)
-- ---------------------------------------------------------------------------------------------

-- Accounts per stage, all currencies.
SELECT stage, SUM(accounts) AS accounts
  FROM finance_accounts_by_stage
 GROUP BY stage
 ORDER BY accounts DESC, stage;

-- Accounts and owed per stage and currency.
SELECT currency, stage, accounts, owed
  FROM finance_accounts_by_stage
 ORDER BY currency, owed DESC, stage;

-- ---------------------------------------------------------------------------------------------
-- 4. Owed by ageing bucket (days past due: 0-2, 3-6, 7-14, 15-29, 30-59, 60-89, 90+)
-- ---------------------------------------------------------------------------------------------

-- Every bucket of every currency, zeros included.
SELECT currency, bucket, accounts, owed
  FROM finance_owed_by_ageing
 ORDER BY currency, bucket_order;

-- Owed 30 days or more past due, per currency.
SELECT currency, SUM(accounts) AS accounts, SUM(owed) AS owed
  FROM finance_owed_by_ageing
 WHERE bucket_order >= 5
 GROUP BY currency
 ORDER BY currency;

-- ---------------------------------------------------------------------------------------------
-- 5. Open suspense: rows waiting for an account that does not exist yet, with their age
-- ---------------------------------------------------------------------------------------------

-- Every open item, oldest first.
SELECT received_date, age_days, source, source_id, account_id, entry_type, entry_date, amount, currency, line_number
  FROM finance_open_suspense
 ORDER BY age_days DESC, source, source_id;

-- Per currency and kind of row.
SELECT currency, source, entry_type, COUNT(*) AS items, SUM(amount) AS amount, MAX(age_days) AS oldest_days
  FROM finance_open_suspense
 GROUP BY currency, source, entry_type
 ORDER BY currency, source, entry_type;

-- The missing accounts that hold up the most.
SELECT account_id, COUNT(*) AS items, MIN(received_date) AS waiting_since, MAX(age_days) AS oldest_days
  FROM finance_open_suspense
 GROUP BY account_id
 ORDER BY items DESC, account_id
 LIMIT 20;

-- ---------------------------------------------------------------------------------------------
-- 6. Trend: owed and accounts in arrears night by night (from each night's recon_summary)
-- ---------------------------------------------------------------------------------------------

SELECT t.business_date, t.accounts_in_arrears, t.accounts, o.currency, o.owed
  FROM finance_arrears_trend t
  JOIN finance_owed_trend o ON o.business_date = t.business_date
 WHERE TIMESTAMPDIFF(DAY, t.business_date, (SELECT as_of_date FROM finance_as_of)) < 30
 ORDER BY t.business_date, o.currency;

-- ---------------------------------------------------------------------------------------------
-- 7. Runway forecast (SPEC 10, when the policy has a runway block): balances that will run out soon
--    at the rate of the last window_days runs' spend (the rows of the last night's runway.csv)
-- ---------------------------------------------------------------------------------------------

-- Per currency: accounts forecast, those in the runway band and the balance they have left.
SELECT currency, accounts_forecast, accounts_in_band, balance_in_band, daily_spend_in_band
  FROM finance_runway_by_currency
 ORDER BY currency;

-- The accounts that run out soonest (days_to_zero, then the largest daily spend first).
SELECT account_id, store_id, currency, balance, daily_spend, days_to_zero, in_band
  FROM finance_runway
 ORDER BY days_to_zero, daily_spend DESC, account_id
 LIMIT 20;
