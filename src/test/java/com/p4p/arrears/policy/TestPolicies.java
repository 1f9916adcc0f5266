package com.p4p.arrears.policy;

/** Policies the tests use, as YAML text (tests never read the shipped jobs/ file). */
public final class TestPolicies {

    /** A copy of the default policy of SPEC 6. */
    public static final String DEFAULT_YAML = """
            currencies:
              USD: { minor_digits: 2, low_balance: 50.00,  credit_min_owed: 10.00 }
              EUR: { minor_digits: 2, low_balance: 50.00,  credit_min_owed: 10.00 }
              CNY: { minor_digits: 2, low_balance: 350.00, credit_min_owed: 70.00 }
              JPY: { minor_digits: 0, low_balance: 7500,   credit_min_owed: 1500 }
            stages:
              - { name: GRACE,   min_days_past_due: 0,  enter: [NOTIFY_ARREARS] }
              - { name: FROZEN,  min_days_past_due: 3,  enter: [FREEZE_ADS],        leave: [UNFREEZE_ADS] }
              - { name: DEMOTED, min_days_past_due: 7,  enter: [DEMOTE_RANKING],    leave: [RESTORE_RANKING] }
              - { name: FLAGGED, min_days_past_due: 15, enter: [FLAG_STORE_RATING], leave: [CLEAR_STORE_RATING] }
              - { name: CLOSED,  min_days_past_due: 30, min_owed: { USD: 500.00, EUR: 500.00, CNY: 3500.00, JPY: 75000 },
                  enter: [CLOSE_STORE], leave: [REOPEN_STORE], sticky: true }
            """;

    private TestPolicies() {
    }

    public static Policy defaultPolicy() {
        return PolicyLoader.parse(DEFAULT_YAML, "test");
    }
}
