package com.p4p.arrears.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import com.p4p.arrears.policy.TestPolicies;

/** SPEC 2 accounts columns and SPEC 3 reject reasons, in order. */
class AccountRowValidatorTest {

    static final LocalDate D = LocalDate.of(2024, 3, 15);
    static final String GOOD = "A1,S1,USD,2020-01-01,N";

    private final AccountRowValidator validator = new AccountRowValidator(TestPolicies.defaultPolicy(), D);

    private Validated<AccountRow> validate(String row) {
        return validator.process(Rows.parse(Source.ACCOUNTS, Rows.ACCOUNTS_HEADER, row));
    }

    private Validated<AccountRow> with(String... columnValue) {
        Map<String, String> m = Rows.columns(Rows.ACCOUNTS_HEADER, GOOD);
        for (int i = 0; i < columnValue.length; i += 2) {
            m.put(columnValue[i], columnValue[i + 1]);
        }
        return validator.process(Rows.of(Source.ACCOUNTS, m));
    }

    private static RejectReason reason(Validated<?> v) {
        assertThat(v).isInstanceOf(Validated.Rejected.class);
        return ((Validated.Rejected<?>) v).reason();
    }

    private static AccountRow row(Validated<AccountRow> v) {
        assertThat(v).isInstanceOf(Validated.Valid.class);
        return ((Validated.Valid<AccountRow>) v).row();
    }

    @Test
    void goodRow() {
        AccountRow a = row(validate(GOOD));

        assertThat(a.accountId()).isEqualTo("A1");
        assertThat(a.storeId()).isEqualTo("S1");
        assertThat(a.currency()).isEqualTo("USD");
        assertThat(a.openedDate()).isEqualTo(LocalDate.of(2020, 1, 1));
        assertThat(a.hold()).isFalse();
        assertThat(a.lineNumber()).isEqualTo(2);
        assertThat(a.raw()).isEqualTo(GOOD);
    }

    @Test
    void holdIsYOrNAndEmptyMeansN() {
        assertThat(row(with("enforcement_hold", "Y")).hold()).isTrue();
        assertThat(row(with("enforcement_hold", "N")).hold()).isFalse();
        assertThat(row(with("enforcement_hold", "")).hold()).isFalse();
        assertThat(row(with("enforcement_hold", "")).sameContent(row(with("enforcement_hold", "N")))).isTrue();
    }

    @Test
    void holdColumnMayBeLeftOut() {
        AccountRow a = row(validator.process(Rows.parse(Source.ACCOUNTS, "account_id,store_id,currency,opened_date",
                "A1,S1,USD,2020-01-01")));
        assertThat(a.hold()).isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = {"y", "n", "YES", "NO", "1", "0", "true", " Y", "Y ", "YY"})
    void badFlag(String hold) {
        assertThat(reason(with("enforcement_hold", hold))).isEqualTo(RejectReason.BAD_FLAG);
    }

    @ParameterizedTest
    @ValueSource(strings = {"account_id", "store_id", "currency", "opened_date"})
    void requiredColumns(String column) {
        assertThat(reason(with(column, ""))).isEqualTo(RejectReason.MISSING_FIELD);
    }

    @ParameterizedTest
    @ValueSource(strings = {"account_id", "store_id"})
    void idColumns(String column) {
        assertThat(reason(with(column, "A 1"))).isEqualTo(RejectReason.BAD_ID);
        assertThat(reason(with(column, "A#1"))).isEqualTo(RejectReason.BAD_ID);
        assertThat(reason(with(column, "x".repeat(65)))).isEqualTo(RejectReason.BAD_ID);
        assertThat(row(with(column, "x".repeat(64)))).isNotNull();
    }

    @Test
    void idsAreCaseSensitive() {
        AccountRow lower = row(with("account_id", "a1"));
        assertThat(lower.accountId()).isEqualTo("a1");
        assertThat(lower.sameContent(row(validate(GOOD)))).isFalse();
    }

    @Test
    void openedDate() {
        assertThat(reason(with("opened_date", "2020-1-1"))).isEqualTo(RejectReason.BAD_DATE);
        assertThat(reason(with("opened_date", "2021-02-29"))).isEqualTo(RejectReason.BAD_DATE);
        assertThat(reason(with("opened_date", "2024-03-16"))).isEqualTo(RejectReason.FUTURE_DATE);
        assertThat(row(with("opened_date", "2024-03-15")).openedDate()).isEqualTo(D);
    }

    @Test
    void currency() {
        assertThat(reason(with("currency", "usd"))).isEqualTo(RejectReason.BAD_CURRENCY);
        assertThat(reason(with("currency", "GBP"))).isEqualTo(RejectReason.BAD_CURRENCY);
        assertThat(row(with("currency", "JPY")).currency()).isEqualTo("JPY");
    }

    @Test
    void firstReasonInSpecOrderWins() {
        assertThat(reason(validate("A1,S1,USD,2020-01-01"))).isEqualTo(RejectReason.MALFORMED_ROW);
        assertThat(reason(validate("A1,S1,USD,2020-01-01,N,"))).isEqualTo(RejectReason.MALFORMED_ROW);
        assertThat(reason(with("account_id", "", "store_id", "bad id"))).isEqualTo(RejectReason.MISSING_FIELD);
        assertThat(reason(with("store_id", "bad id", "opened_date", "x"))).isEqualTo(RejectReason.BAD_ID);
        assertThat(reason(with("opened_date", "x", "currency", "usd"))).isEqualTo(RejectReason.BAD_DATE);
        assertThat(reason(with("opened_date", "2030-01-01", "currency", "usd"))).isEqualTo(RejectReason.FUTURE_DATE);
        assertThat(reason(with("currency", "usd", "enforcement_hold", "y"))).isEqualTo(RejectReason.BAD_CURRENCY);
    }

    @Test
    void extraColumnsAndAnyColumnOrderWork() {
        AccountRow a = row(validator.process(Rows.parse(Source.ACCOUNTS,
                "enforcement_hold,name,opened_date,currency,store_id,account_id", "Y,\"Shop, Ltd\",2020-01-01,EUR,S9,A9")));

        assertThat(a.accountId()).isEqualTo("A9");
        assertThat(a.storeId()).isEqualTo("S9");
        assertThat(a.currency()).isEqualTo("EUR");
        assertThat(a.hold()).isTrue();
    }
}
