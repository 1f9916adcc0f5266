package com.p4p.arrears.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import com.p4p.arrears.policy.PolicyLoader;
import com.p4p.arrears.policy.TestPolicies;

/** SPEC 2 spend columns and SPEC 3 reject reasons, in order. */
class SpendRowValidatorTest {

    static final LocalDate D = LocalDate.of(2024, 3, 15);
    static final String GOOD = "C1,A1,K1,2024-03-15,10,12.50,USD";

    private final SpendRowValidator validator = new SpendRowValidator(TestPolicies.defaultPolicy(), D);

    private Validated<LedgerItem> validate(String row) {
        return validator.process(Rows.parse(Source.SPEND, Rows.SPEND_HEADER, row));
    }

    /** The good row with some columns replaced (pairs of column, value). */
    private Validated<LedgerItem> with(String... columnValue) {
        Map<String, String> m = Rows.columns(Rows.SPEND_HEADER, GOOD);
        for (int i = 0; i < columnValue.length; i += 2) {
            m.put(columnValue[i], columnValue[i + 1]);
        }
        return validator.process(Rows.of(Source.SPEND, m));
    }

    private static RejectReason reason(Validated<?> v) {
        assertThat(v).isInstanceOf(Validated.Rejected.class);
        return ((Validated.Rejected<?>) v).reason();
    }

    private static LedgerItem item(Validated<LedgerItem> v) {
        assertThat(v).isInstanceOf(Validated.Valid.class);
        return ((Validated.Valid<LedgerItem>) v).row();
    }

    @Test
    void goodRowBecomesASpendItem() {
        LedgerItem i = item(validate(GOOD));

        assertThat(i.source()).isEqualTo(Source.SPEND);
        assertThat(i.type()).isEqualTo(EntryType.SPEND);
        assertThat(i.id()).isEqualTo("C1");
        assertThat(i.accountId()).isEqualTo("A1");
        assertThat(i.campaignId()).isEqualTo("K1");
        assertThat(i.entryDate()).isEqualTo(D);
        assertThat(i.clicks()).isEqualTo(10L);
        assertThat(i.amount()).isEqualByComparingTo("12.50");
        assertThat(i.currency()).isEqualTo("USD");
        assertThat(i.receivedDate()).isEqualTo(D);
        assertThat(i.lineNumber()).isEqualTo(2);
    }

    @Test
    void rejectCarriesLineNumberAndRawText() {
        Validated<LedgerItem> v = validate("C1,A1,K1,2024-03-15,10,\"12.500\",USD");

        assertThat(v).isEqualTo(new Validated.Rejected<LedgerItem>(2, RejectReason.BAD_AMOUNT,
                "C1,A1,K1,2024-03-15,10,\"12.500\",USD"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"C1,A1,K1,2024-03-15,10,12.50", "C1,A1,K1,2024-03-15,10,12.50,USD,", "C1",
            "C1,A1,K1,2024-03-15,10,\"12.50\"x,USD", "C1,A1,K1,2024-03-15,10,12\"50,USD",
            "C1,A1,\"K1,2024-03-15,10,12.50,USD"})
    void wrongFieldCountOrBadQuotingIsMalformed(String row) {
        Validated<LedgerItem> v = validate(row);

        assertThat(reason(v)).isEqualTo(RejectReason.MALFORMED_ROW);
        assertThat(((Validated.Rejected<?>) v).raw()).isEqualTo(row);
        assertThat(v.lineNumber()).isEqualTo(2);
    }

    @ParameterizedTest
    @ValueSource(strings = {"charge_id", "account_id", "campaign_id", "charge_date", "clicks", "amount", "currency"})
    void everyColumnIsRequired(String column) {
        assertThat(reason(with(column, ""))).isEqualTo(RejectReason.MISSING_FIELD);
    }

    @ParameterizedTest
    @ValueSource(strings = {"charge_id", "account_id", "campaign_id"})
    void idColumnsMustBeIds(String column) {
        assertThat(reason(with(column, "C 1"))).isEqualTo(RejectReason.BAD_ID);
        assertThat(reason(with(column, "C/1"))).isEqualTo(RejectReason.BAD_ID);
        assertThat(reason(with(column, " C1"))).isEqualTo(RejectReason.BAD_ID);
        assertThat(reason(with(column, "Ç1"))).isEqualTo(RejectReason.BAD_ID);
        assertThat(reason(with(column, "x".repeat(65)))).isEqualTo(RejectReason.BAD_ID);
        assertThat(item(with(column, "x".repeat(64)))).isNotNull();
        assertThat(item(with(column, "a-Z_0.9"))).isNotNull();
    }

    @Test
    void idsAreCaseSensitiveAndKeptAsWritten() {
        LedgerItem i = item(with("charge_id", "c1", "account_id", "a1", "campaign_id", "k1"));

        assertThat(i.id()).isEqualTo("c1");
        assertThat(i.accountId()).isEqualTo("a1");
        assertThat(i.campaignId()).isEqualTo("k1");
        assertThat(i.sameContent(item(validate(GOOD)))).isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = {"2024-02-30", "2023-02-29", "2024-3-15", "2024-03-5", "15/03/2024", "20240315",
            " 2024-03-15", "2024-03-15 ", "2024-13-01", "2024-03-15T00:00", "yesterday"})
    void badDate(String date) {
        assertThat(reason(with("charge_date", date))).isEqualTo(RejectReason.BAD_DATE);
    }

    @Test
    void chargeDateMayBeEarlierThanTheBusinessDateButNotLater() {
        assertThat(item(with("charge_date", "2024-02-29")).entryDate()).isEqualTo(LocalDate.of(2024, 2, 29));
        assertThat(item(with("charge_date", "2020-01-01"))).isNotNull();
        assertThat(item(with("charge_date", "2024-03-15"))).isNotNull();
        assertThat(reason(with("charge_date", "2024-03-16"))).isEqualTo(RejectReason.FUTURE_DATE);
        assertThat(reason(with("charge_date", "2099-12-31"))).isEqualTo(RejectReason.FUTURE_DATE);
    }

    @ParameterizedTest
    @ValueSource(strings = {"usd", "Usd", "GBP", " USD", "USD ", "US", "XXX"})
    void currencyMustBeInThePolicyExactlyAsWritten(String currency) {
        assertThat(reason(with("currency", currency))).isEqualTo(RejectReason.BAD_CURRENCY);
    }

    @ParameterizedTest
    @ValueSource(strings = {"12.500", "0", "0.00", "-1", "-12.50", ".5", "5.", "1e3", "1E3", "1,000", "abc", "12.5.1",
            "+-1", " 12.5", "12.5 ", "1000000000000", "1000000000000.00", "-0.00", "12,50", "$12", "0x10", "NaN"})
    void badAmounts(String amount) {
        assertThat(reason(with("amount", amount))).isEqualTo(RejectReason.BAD_AMOUNT);
    }

    @ParameterizedTest
    @ValueSource(strings = {"12.5", "12.50", "12", "0.01", "999999999999.99", "007.10", "+5"})
    void goodAmounts(String amount) {
        assertThat(item(with("amount", amount)).amount()).isEqualByComparingTo(new BigDecimal(amount));
    }

    @Test
    void amountDigitsFollowTheCurrency() {
        assertThat(item(with("currency", "JPY", "amount", "100")).amount()).isEqualByComparingTo("100");
        assertThat(reason(with("currency", "JPY", "amount", "100.5"))).isEqualTo(RejectReason.BAD_AMOUNT);
        assertThat(reason(with("currency", "JPY", "amount", "100.0"))).isEqualTo(RejectReason.BAD_AMOUNT);
        assertThat(item(with("currency", "EUR", "amount", "0.99")).currency()).isEqualTo("EUR");
        assertThat(item(with("currency", "CNY", "amount", "350.00"))).isNotNull();
    }

    @Test
    void currenciesAndTheirDigitsComeFromThePolicy() {
        SpendRowValidator custom = new SpendRowValidator(PolicyLoader.parse("""
                currencies:
                  KWD: { minor_digits: 3 }
                  JPY: { minor_digits: 0 }
                stages:
                  - { name: LATE, min_days_past_due: 0 }
                """, "test"), D);

        assertThat(reason(custom.process(Rows.parse(Source.SPEND, Rows.SPEND_HEADER, GOOD))))
                .isEqualTo(RejectReason.BAD_CURRENCY);
        assertThat(custom.process(Rows.parse(Source.SPEND, Rows.SPEND_HEADER, "C1,A1,K1,2024-03-15,10,12.500,KWD")))
                .isInstanceOf(Validated.Valid.class);
        assertThat(reason(custom.process(Rows.parse(Source.SPEND, Rows.SPEND_HEADER, "C1,A1,K1,2024-03-15,10,12.5001,KWD"))))
                .isEqualTo(RejectReason.BAD_AMOUNT);
    }

    @ParameterizedTest
    @ValueSource(strings = {"-1", "1.5", "1.0", "abc", "1e2", " 1", "1 ", "99999999999999999999", "+-0"})
    void badClicks(String clicks) {
        assertThat(reason(with("clicks", clicks))).isEqualTo(RejectReason.BAD_CLICKS);
    }

    @Test
    void zeroClicksIsFine() {
        assertThat(item(with("clicks", "0")).clicks()).isZero();
        assertThat(item(with("clicks", "1234567")).clicks()).isEqualTo(1234567L);
    }

    @Test
    void firstReasonInSpecOrderWins() {
        // MALFORMED_ROW before everything
        assertThat(reason(validate(",,,,,,"))).isEqualTo(RejectReason.MISSING_FIELD);
        assertThat(reason(validate(",,,,,"))).isEqualTo(RejectReason.MALFORMED_ROW);
        // MISSING_FIELD before BAD_ID
        assertThat(reason(with("charge_id", "bad id", "account_id", ""))).isEqualTo(RejectReason.MISSING_FIELD);
        // BAD_ID before BAD_DATE
        assertThat(reason(with("account_id", "bad id", "charge_date", "2024-02-30"))).isEqualTo(RejectReason.BAD_ID);
        // BAD_DATE before BAD_CURRENCY
        assertThat(reason(with("charge_date", "15.03.2024", "currency", "usd"))).isEqualTo(RejectReason.BAD_DATE);
        // FUTURE_DATE before BAD_CURRENCY
        assertThat(reason(with("charge_date", "2024-03-16", "currency", "usd"))).isEqualTo(RejectReason.FUTURE_DATE);
        // BAD_CURRENCY before BAD_AMOUNT
        assertThat(reason(with("currency", "usd", "amount", "-1"))).isEqualTo(RejectReason.BAD_CURRENCY);
        // BAD_AMOUNT before BAD_CLICKS
        assertThat(reason(with("amount", "0", "clicks", "-1"))).isEqualTo(RejectReason.BAD_AMOUNT);
        // all of them at once
        assertThat(reason(with("charge_id", "?", "charge_date", "x", "currency", "x", "amount", "x", "clicks", "x")))
                .isEqualTo(RejectReason.BAD_ID);
    }

    @Test
    void extraColumnsAndAnyColumnOrderWork() {
        String header = "currency,note,amount,clicks,charge_date,campaign_id,account_id,charge_id,other";
        LedgerItem i = item(validator.process(Rows.parse(Source.SPEND, header,
                "USD,\"a note, with a comma\",12.5,10,2024-03-15,K1,A1,C1,")));

        assertThat(i.id()).isEqualTo("C1");
        assertThat(i.accountId()).isEqualTo("A1");
        assertThat(i.amount()).isEqualByComparingTo("12.50");
        assertThat(i.sameContent(item(validate(GOOD)))).isTrue();
    }

    @Test
    void fieldCountIsTheHeaderWidthIncludingExtraColumns() {
        String header = Rows.SPEND_HEADER + ",note";
        assertThat(reason(validator.process(Rows.parse(Source.SPEND, header, GOOD)))).isEqualTo(RejectReason.MALFORMED_ROW);
        assertThat(item(validator.process(Rows.parse(Source.SPEND, header, GOOD + ",")))).isNotNull();
    }

    @Test
    void quotingDoesNotChangeValues() {
        LedgerItem quoted = item(validate("\"C1\",\"A1\",\"K1\",\"2024-03-15\",\"10\",\"12.50\",\"USD\""));

        assertThat(quoted.sameContent(item(validate(GOOD)))).isTrue();
        assertThat(quoted.id()).isEqualTo("C1");
    }

    @Test
    void quotedValueWithACommaIsNotAnId() {
        assertThat(reason(validate("C1,A1,\"K,1\",2024-03-15,10,12.50,USD"))).isEqualTo(RejectReason.BAD_ID);
    }
}
