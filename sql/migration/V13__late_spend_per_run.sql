-- The spend each run posted to an account with a charge date before the run's business date (late
-- charges), per charge date: '2026-11-01 12.5;2026-11-03 4' (ledger/LateSpendText). A kept ageing tail
-- (V12) takes such a charge dated on or before its anchor into its two sums instead of being dropped, so
-- an owing account that is billed late does not read its whole unpaid stretch again (issue 14).
-- NULL: the run posted no late spend, or did not record it (a close that summed the entries in the
-- database, a list longer than the column, or a row written before this migration): a kept tail that
-- meets such a run's late charge on or before its anchor is then read again.
ALTER TABLE account_day_delta ADD COLUMN late_spend VARCHAR(400) NULL;
