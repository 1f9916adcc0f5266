-- P4P arrears pipeline: finance's views over the ledger and the reconciliation breaks.
-- Read-only; the same SQL runs on MySQL / MariaDB and on H2 in MySQL mode (no DATEDIFF, no
-- window functions, no LIMIT). sql/finance_queries.sql shows how to use them.
--
-- Ages are in days, counted to the ledger's as-of date: the last business date whose ledger day was
-- closed (not the wall clock, so a night run late or caught up later ages nothing twice).

-- The last business date the ledger was closed for.
CREATE VIEW finance_as_of AS
SELECT MAX(business_date) AS as_of_date
  FROM currency_day;

-- Daily control totals per currency (one row per business date and policy currency):
-- closing = opening + credits - debits; credits are net of refunds and chargebacks.
CREATE VIEW finance_daily_totals AS
SELECT business_date,
       currency,
       opening_balance,
       debits,
       credits,
       credits - debits AS net_movement,
       closing_balance,
       CASE WHEN opening_balance + credits - debits = closing_balance THEN 'Y' ELSE 'N' END AS balanced
  FROM currency_day;

-- Every break not resolved, with its age. Only suspense breaks (UNKNOWN_ACCOUNT of a spend or
-- payments row, waiting for its account) are resolved by the pipeline; every other break stays
-- open here until finance deals with it.
CREATE VIEW finance_open_breaks AS
SELECT b.break_id,
       b.business_date,
       b.break_type,
       CASE WHEN b.break_type = 'UNKNOWN_ACCOUNT' AND b.source IN ('spend', 'payments')
            THEN 'SUSPENSE' ELSE 'OTHER' END AS category,
       b.source,
       b.reference,
       b.account_id,
       b.expected,
       b.actual,
       b.difference,
       b.currency,
       d.as_of_date,
       TIMESTAMPDIFF(DAY, b.business_date, d.as_of_date) AS age_days
  FROM recon_break b
 CROSS JOIN finance_as_of d
 WHERE b.resolved_date IS NULL;

-- Accounts and what they owe, by computed arrears stage and currency (account_state is each
-- account's state after the last classified night).
CREATE VIEW finance_accounts_by_stage AS
SELECT s.stage,
       a.currency,
       COUNT(*) AS accounts,
       SUM(s.owed) AS owed,
       SUM(s.balance) AS balance
  FROM account_state s
  JOIN account a ON a.account_id = s.account_id
 GROUP BY s.stage, a.currency;

-- The ageing buckets, by days past due (max_days NULL: no upper bound).
CREATE VIEW finance_ageing_bucket AS
SELECT 1 AS bucket_order, '0-2' AS bucket, 0 AS min_days, 2 AS max_days
UNION ALL SELECT 2, '3-6', 3, 6
UNION ALL SELECT 3, '7-14', 7, 14
UNION ALL SELECT 4, '15-29', 15, 29
UNION ALL SELECT 5, '30-59', 30, 59
UNION ALL SELECT 6, '60-89', 60, 89
UNION ALL SELECT 7, '90+', 90, NULL;

-- Owed per ageing bucket and currency: every bucket of every currency that has accounts, zeros
-- included, so a chart has all its bars. Only accounts that owe (owed > 0) are counted.
CREATE VIEW finance_owed_by_ageing AS
SELECT c.currency,
       b.bucket_order,
       b.bucket,
       COUNT(o.account_id) AS accounts,
       COALESCE(SUM(o.owed), 0) AS owed
  FROM (SELECT DISTINCT currency FROM account) c
 CROSS JOIN finance_ageing_bucket b
  LEFT JOIN (SELECT s.account_id, a.currency, s.owed, s.days_past_due
               FROM account_state s
               JOIN account a ON a.account_id = s.account_id
              WHERE s.owed > 0) o
         ON o.currency = c.currency
        AND o.days_past_due >= b.min_days
        AND (b.max_days IS NULL OR o.days_past_due <= b.max_days)
 GROUP BY c.currency, b.bucket_order, b.bucket;

-- Suspense items still waiting for their account, with their age since the file they came in.
CREATE VIEW finance_open_suspense AS
SELECT s.suspense_id,
       s.source,
       s.source_id,
       s.account_id,
       s.entry_type,
       s.entry_date,
       s.amount,
       s.currency,
       s.received_date,
       s.line_number,
       d.as_of_date,
       TIMESTAMPDIFF(DAY, s.received_date, d.as_of_date) AS age_days
  FROM suspense_item s
 CROSS JOIN finance_as_of d
 WHERE s.status = 'OPEN';

-- Night by night, from each run's recon_summary: accounts in arrears (computed stage other than
-- CURRENT) and all accounts.
CREATE VIEW finance_arrears_trend AS
SELECT business_date,
       SUM(CASE WHEN metric_key <> 'CURRENT' THEN CAST(metric_value AS DECIMAL(20,0)) ELSE 0 END) AS accounts_in_arrears,
       SUM(CAST(metric_value AS DECIMAL(20,0))) AS accounts
  FROM recon_summary
 WHERE metric = 'accounts'
 GROUP BY business_date;

-- Night by night, from each run's recon_summary: owed per currency.
CREATE VIEW finance_owed_trend AS
SELECT business_date,
       metric_key AS currency,
       CAST(metric_value AS DECIMAL(30,4)) AS owed
  FROM recon_summary
 WHERE metric = 'owed';
