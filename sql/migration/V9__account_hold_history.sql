-- Each change of an account's enforcement_hold, dated by the business date whose accounts snapshot
-- made it (SPEC 11: what-if replays every night with the hold that night had, and explain reads the
-- hold of the last completed night even while a later night is half done). Written by the accounts
-- snapshot step: a new account only when it arrives held, a known one when its hold flips. So an
-- account's hold on night D is the value of its last change on or before D; before its first change
-- it was the opposite of that change; without any change it is account.enforcement_hold.
CREATE TABLE account_hold_change (
    account_id       VARCHAR(64) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
    business_date    DATE    NOT NULL,
    enforcement_hold CHAR(1) NOT NULL,
    PRIMARY KEY (account_id, business_date)
);
