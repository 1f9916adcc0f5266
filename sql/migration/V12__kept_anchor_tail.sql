-- An owing account's anchor is carried from night to night (issue 14, arrears/KeptTail): the spend
-- charged before its anchor (tail_spend_before = debits - spend charged on or after the anchor) and the
-- spend charged on the anchor date itself, both as of as_of_date. While nothing is posted since with a
-- charge date on or before the anchor, tonight's spend from the anchor on is debits - tail_spend_before,
-- so the anchor stays, moves forward (reading only the days it passes) or moves back (reading only
-- older days) without re-reading the unpaid stretch. NULL: nothing kept (owes nothing, owed beyond all
-- spend, or classified before this migration): the night reads from the stored anchor as before.
ALTER TABLE account_state ADD COLUMN tail_spend_before DECIMAL(24,4) NULL;
ALTER TABLE account_state ADD COLUMN tail_anchor_spend DECIMAL(24,4) NULL;

-- The earliest charge date of the spend a run posted to the account (NULL: it posted no spend). Rows
-- written before this migration have NULL with debits > 0: unknown, so a kept tail is not trusted.
ALTER TABLE account_day_delta ADD COLUMN first_spend_date DATE NULL;
