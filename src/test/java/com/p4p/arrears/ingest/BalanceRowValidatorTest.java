package com.p4p.arrears.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import com.p4p.arrears.policy.TestPolicies;

/** SPEC 2 balances columns: balances are signed; SPEC 3 reject reasons, in order. */
class BalanceRowValidatorTest {

    static final LocalDate D = LocalDate.of(2024, 3, 15);
    static final String GOOD = "A1,-250.75,USD";

    private final BalanceRowValidator validator = new BalanceRowValidator(TestPolicies.defaultPolicy(), D);

    private Validated<BalanceRow> validate(String row) {
        return validator.process(Rows.parse(Source.BALANCES, Rows.BALANCES_HEADER, row));
    }

    private Validated<BalanceRow> with(String... columnValue) {
        Map<String, String> m = Rows.columns(Rows.BALANCES_HEADER, GOOD);
        for (int i = 0; i < columnValue.length; i += 2) {
            m.put(columnValue[i], columnValue[i + 1]);
        }
        return validator.process(Rows.of(Source.BALANCES, m));
    }

    private static RejectReason reason(Validated<?> v) {
        assertThat(v).isInstanceOf(Validated.Rejected.class);
        return ((Validated.Rejected<?>) v).reason();
    }

    private static BalanceRow row(Validated<BalanceRow> v) {
        assertThat(v).isInstanceOf(Validated.Valid.class);
        return ((Validated.Valid<BalanceRow>) v).row();
    }

    @Test
    void goodRow() {
        BalanceRow b = row(validate(GOOD));

        assertThat(b.accountId()).isEqualTo("A1");
        assertThat(b.balance()).isEqualByComparingTo("-250.75");
        assertThat(b.currency()).isEqualTo("USD");
        assertThat(b.lineNumber()).isEqualTo(2);
    }

    @ParameterizedTest
    @ValueSource(strings = {"-250.75", "0", "0.00", "-0.01", "12.5", "+3", "999999999999.99", "-999999999999.99"})
    void balancesMayBeNegativeZeroOrPositive(String balance) {
        assertThat(row(with("balance", balance)).balance()).isEqualByComparingTo(new BigDecimal(balance));
    }

    @ParameterizedTest
    @ValueSource(strings = {"12.500", "-12.501", "1000000000000", "-1000000000000", ".5", "-.5", "1e3", "1,000",
            "(12.00)", "12-", " -1", "abc"})
    void badBalances(String balance) {
        assertThat(reason(with("balance", balance))).isEqualTo(RejectReason.BAD_AMOUNT);
    }

    @Test
    void yenBalancesHaveNoDecimals() {
        assertThat(row(with("balance", "-7500", "currency", "JPY")).balance()).isEqualByComparingTo("-7500");
        assertThat(reason(with("balance", "-100.5", "currency", "JPY"))).isEqualTo(RejectReason.BAD_AMOUNT);
    }

    @ParameterizedTest
    @ValueSource(strings = {"account_id", "balance", "currency"})
    void requiredColumns(String column) {
        assertThat(reason(with(column, ""))).isEqualTo(RejectReason.MISSING_FIELD);
    }

    @Test
    void idAndCurrency() {
        assertThat(reason(with("account_id", "A 1"))).isEqualTo(RejectReason.BAD_ID);
        assertThat(reason(with("account_id", "x".repeat(65)))).isEqualTo(RejectReason.BAD_ID);
        assertThat(reason(with("currency", "usd"))).isEqualTo(RejectReason.BAD_CURRENCY);
    }

    @Test
    void firstReasonInSpecOrderWins() {
        assertThat(reason(validate("A1,-250.75"))).isEqualTo(RejectReason.MALFORMED_ROW);
        assertThat(reason(validate("A1,\"-250\"75,USD"))).isEqualTo(RejectReason.MALFORMED_ROW);
        assertThat(reason(with("account_id", "bad id", "balance", ""))).isEqualTo(RejectReason.MISSING_FIELD);
        assertThat(reason(with("account_id", "bad id", "currency", "usd"))).isEqualTo(RejectReason.BAD_ID);
        assertThat(reason(with("currency", "usd", "balance", "x"))).isEqualTo(RejectReason.BAD_CURRENCY);
    }

    @Test
    void extraColumnsAndAnyColumnOrderWork() {
        BalanceRow b = row(validator.process(Rows.parse(Source.BALANCES, "currency,as_of,balance,account_id",
                "EUR,\"2024-03-15, 23:59\",10.00,A1")));

        assertThat(b.accountId()).isEqualTo("A1");
        assertThat(b.balance()).isEqualByComparingTo("10");
        assertThat(b.currency()).isEqualTo("EUR");
    }
}
