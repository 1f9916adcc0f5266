package com.p4p.arrears.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import com.p4p.arrears.policy.TestPolicies;

/** SPEC 2 payments columns and SPEC 3 reject reasons, in order. */
class PaymentRowValidatorTest {

    static final LocalDate D = LocalDate.of(2024, 3, 15);
    static final String GOOD = "P1,A1,PAYMENT,100.00,USD,ALIPAY,2024-03-15,";

    private final PaymentRowValidator validator = new PaymentRowValidator(TestPolicies.defaultPolicy(), D);

    private Validated<LedgerItem> validate(String row) {
        return validator.process(Rows.parse(Source.PAYMENTS, Rows.PAYMENTS_HEADER, row));
    }

    private Validated<LedgerItem> with(String... columnValue) {
        Map<String, String> m = Rows.columns(Rows.PAYMENTS_HEADER, GOOD);
        for (int i = 0; i < columnValue.length; i += 2) {
            m.put(columnValue[i], columnValue[i + 1]);
        }
        return validator.process(Rows.of(Source.PAYMENTS, m));
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
    void goodPayment() {
        LedgerItem i = item(validate(GOOD));

        assertThat(i.source()).isEqualTo(Source.PAYMENTS);
        assertThat(i.type()).isEqualTo(EntryType.PAYMENT);
        assertThat(i.id()).isEqualTo("P1");
        assertThat(i.accountId()).isEqualTo("A1");
        assertThat(i.amount()).isEqualByComparingTo("100");
        assertThat(i.currency()).isEqualTo("USD");
        assertThat(i.channel()).isEqualTo("ALIPAY");
        assertThat(i.entryDate()).isEqualTo(D);
        assertThat(i.originalPaymentId()).isNull();
        assertThat(i.campaignId()).isNull();
        assertThat(i.clicks()).isNull();
        assertThat(i.receivedDate()).isEqualTo(D);
        assertThat(i.lineNumber()).isEqualTo(2);
    }

    @Test
    void refundWithAndWithoutOriginal() {
        assertThat(item(with("type", "REFUND")).type()).isEqualTo(EntryType.REFUND);
        assertThat(item(with("type", "REFUND")).originalPaymentId()).isNull();
        LedgerItem r = item(with("type", "REFUND", "original_payment_id", "P0"));
        assertThat(r.type()).isEqualTo(EntryType.REFUND);
        assertThat(r.originalPaymentId()).isEqualTo("P0");
    }

    @Test
    void chargebackNeedsItsOriginalPayment() {
        LedgerItem c = item(with("type", "CHARGEBACK", "original_payment_id", "P0"));
        assertThat(c.type()).isEqualTo(EntryType.CHARGEBACK);
        assertThat(c.originalPaymentId()).isEqualTo("P0");

        assertThat(reason(with("type", "CHARGEBACK"))).isEqualTo(RejectReason.MISSING_FIELD);
    }

    @Test
    void chargebackInAFileWithoutTheOriginalColumnIsMissingIt() {
        String header = "payment_id,account_id,type,amount,currency,channel,paid_date";
        assertThat(reason(validator.process(Rows.parse(Source.PAYMENTS, header,
                "P1,A1,CHARGEBACK,100.00,USD,CARD,2024-03-15")))).isEqualTo(RejectReason.MISSING_FIELD);
        assertThat(item(validator.process(Rows.parse(Source.PAYMENTS, header,
                "P1,A1,PAYMENT,100.00,USD,CARD,2024-03-15"))).type()).isEqualTo(EntryType.PAYMENT);
    }

    @Test
    void originalIsIgnoredForAPayment() {
        LedgerItem i = item(with("original_payment_id", "not an id!"));

        assertThat(i.originalPaymentId()).isNull();
        assertThat(i.sameContent(item(validate(GOOD)))).isTrue();
        assertThat(item(with("original_payment_id", "x".repeat(65)))).isNotNull();
    }

    @Test
    void originalMustBeAnIdWhenRead() {
        assertThat(reason(with("type", "CHARGEBACK", "original_payment_id", "P 0"))).isEqualTo(RejectReason.BAD_ID);
        assertThat(reason(with("type", "CHARGEBACK", "original_payment_id", "x".repeat(65))))
                .isEqualTo(RejectReason.BAD_ID);
        assertThat(reason(with("type", "REFUND", "original_payment_id", "P/0"))).isEqualTo(RejectReason.BAD_ID);
    }

    @ParameterizedTest
    @ValueSource(strings = {"payment_id", "account_id", "type", "amount", "currency", "channel", "paid_date"})
    void requiredColumns(String column) {
        assertThat(reason(with(column, ""))).isEqualTo(RejectReason.MISSING_FIELD);
    }

    @ParameterizedTest
    @ValueSource(strings = {"payment_id", "account_id"})
    void idColumns(String column) {
        assertThat(reason(with(column, "P 1"))).isEqualTo(RejectReason.BAD_ID);
        assertThat(reason(with(column, "x".repeat(65)))).isEqualTo(RejectReason.BAD_ID);
        assertThat(item(with(column, "x".repeat(64)))).isNotNull();
    }

    @ParameterizedTest
    @ValueSource(strings = {"payment", "Payment", "PAYMENTS", " PAYMENT", "PAYMENT ", "TRANSFER", "refund", "chargeback"})
    void badType(String type) {
        assertThat(reason(with("type", type))).isEqualTo(RejectReason.BAD_TYPE);
    }

    @Test
    void channelIsFreeTextButNotEmpty() {
        assertThat(item(with("channel", "Bank transfer (manual), branch 7")).channel())
                .isEqualTo("Bank transfer (manual), branch 7");
        assertThat(item(with("channel", "OFFLINE"))).isNotNull();
        assertThat(reason(with("channel", ""))).isEqualTo(RejectReason.MISSING_FIELD);
    }

    @Test
    void amountMustBePositiveWithTheCurrencysDigits() {
        assertThat(reason(with("amount", "0"))).isEqualTo(RejectReason.BAD_AMOUNT);
        assertThat(reason(with("amount", "-1"))).isEqualTo(RejectReason.BAD_AMOUNT);
        assertThat(reason(with("amount", "-100.00", "type", "REFUND"))).isEqualTo(RejectReason.BAD_AMOUNT);
        assertThat(reason(with("amount", "12.500"))).isEqualTo(RejectReason.BAD_AMOUNT);
        assertThat(reason(with("amount", "1000000000000"))).isEqualTo(RejectReason.BAD_AMOUNT);
        assertThat(reason(with("amount", "1e3"))).isEqualTo(RejectReason.BAD_AMOUNT);
        assertThat(reason(with("amount", ".5"))).isEqualTo(RejectReason.BAD_AMOUNT);
        assertThat(reason(with("amount", "100.5", "currency", "JPY"))).isEqualTo(RejectReason.BAD_AMOUNT);
        assertThat(item(with("amount", "999999999999.99")).amount()).isEqualByComparingTo("999999999999.99");
        assertThat(item(with("amount", "12.5")).amount()).isEqualByComparingTo("12.50");
    }

    @Test
    void datesAndCurrency() {
        assertThat(reason(with("paid_date", "2024-02-30"))).isEqualTo(RejectReason.BAD_DATE);
        assertThat(reason(with("paid_date", "2024-03-16"))).isEqualTo(RejectReason.FUTURE_DATE);
        assertThat(item(with("paid_date", "2024-03-01")).entryDate()).isEqualTo(LocalDate.of(2024, 3, 1));
        assertThat(reason(with("currency", "usd"))).isEqualTo(RejectReason.BAD_CURRENCY);
        assertThat(item(with("currency", "EUR")).currency()).isEqualTo("EUR");
    }

    @Test
    void firstReasonInSpecOrderWins() {
        assertThat(reason(validate(GOOD + ",extra"))).isEqualTo(RejectReason.MALFORMED_ROW);
        // MISSING_FIELD (chargeback without original) before BAD_ID
        assertThat(reason(with("type", "CHARGEBACK", "payment_id", "bad id"))).isEqualTo(RejectReason.MISSING_FIELD);
        // BAD_ID before BAD_DATE
        assertThat(reason(with("account_id", "bad id", "paid_date", "x"))).isEqualTo(RejectReason.BAD_ID);
        // BAD_DATE before BAD_CURRENCY
        assertThat(reason(with("paid_date", "x", "currency", "usd"))).isEqualTo(RejectReason.BAD_DATE);
        // FUTURE_DATE before BAD_CURRENCY
        assertThat(reason(with("paid_date", "2024-04-01", "currency", "usd"))).isEqualTo(RejectReason.FUTURE_DATE);
        // BAD_CURRENCY before BAD_AMOUNT
        assertThat(reason(with("currency", "usd", "amount", "0"))).isEqualTo(RejectReason.BAD_CURRENCY);
        // BAD_AMOUNT before BAD_TYPE
        assertThat(reason(with("amount", "0", "type", "payment"))).isEqualTo(RejectReason.BAD_AMOUNT);
    }

    @Test
    void extraColumnsAndAnyColumnOrderWork() {
        String header = "paid_date,original_payment_id,channel,note,currency,amount,type,account_id,payment_id";
        LedgerItem i = item(validator.process(Rows.parse(Source.PAYMENTS, header,
                "2024-03-15,P0,ALIPAY,\"x,y\",USD,100,CHARGEBACK,A1,P9")));

        assertThat(i.id()).isEqualTo("P9");
        assertThat(i.type()).isEqualTo(EntryType.CHARGEBACK);
        assertThat(i.originalPaymentId()).isEqualTo("P0");
        assertThat(i.amount()).isEqualByComparingTo("100.00");
        assertThat(i.channel()).isEqualTo("ALIPAY");
    }
}
