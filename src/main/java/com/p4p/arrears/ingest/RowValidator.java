package com.p4p.arrears.ingest;

import java.math.BigDecimal;
import java.time.LocalDate;

import org.springframework.batch.infrastructure.item.ItemProcessor;

import com.p4p.arrears.policy.CurrencyRule;
import com.p4p.arrears.policy.Policy;

/**
 * Validates one source's rows (SPEC 3). Each subclass checks its columns reason by reason, in the
 * SPEC's order, so a row with several defects gets the first reason.
 */
public abstract class RowValidator<T> implements ItemProcessor<InputRow, Validated<T>> {

    protected final Policy policy;
    protected final LocalDate businessDate;

    protected RowValidator(Policy policy, LocalDate businessDate) {
        this.policy = policy;
        this.businessDate = businessDate;
    }

    @Override
    public Validated<T> process(InputRow row) {
        CsvRecord r = row.record();
        if (r.malformed() || r.fieldCount() != row.header().width()) {
            return reject(row, RejectReason.MALFORMED_ROW);
        }
        return check(row);
    }

    /** Checks a well-formed row. */
    protected abstract Validated<T> check(InputRow row);

    protected Validated<T> reject(InputRow row, RejectReason reason) {
        return new Validated.Rejected<>(row.lineNumber(), reason, row.record().raw());
    }

    protected Validated<T> valid(T parsed, InputRow row) {
        return new Validated.Valid<>(parsed, row.lineNumber());
    }

    protected static boolean anyEmpty(InputRow row, String... columns) {
        for (String c : columns) {
            if (row.get(c).isEmpty()) {
                return true;
            }
        }
        return false;
    }

    protected static boolean anyBadId(InputRow row, String... columns) {
        for (String c : columns) {
            if (!FieldRules.isId(row.get(c))) {
                return true;
            }
        }
        return false;
    }

    protected boolean isFuture(LocalDate date) {
        return date.isAfter(businessDate);
    }

    protected CurrencyRule currency(InputRow row) {
        return policy.currency(row.get("currency")).orElse(null);
    }

    /** A charge's or payment's date, currency and positive amount, or the first reason they fail. */
    protected record DatedAmount(LocalDate date, CurrencyRule currency, BigDecimal amount, RejectReason failure) {
    }

    /** Checks the date column, the currency and the amount in the SPEC's order (BAD_DATE .. BAD_AMOUNT). */
    protected DatedAmount datedPositiveAmount(InputRow row, String dateColumn) {
        LocalDate date = FieldRules.date(row.get(dateColumn));
        if (date == null) {
            return new DatedAmount(null, null, null, RejectReason.BAD_DATE);
        }
        if (isFuture(date)) {
            return new DatedAmount(null, null, null, RejectReason.FUTURE_DATE);
        }
        CurrencyRule currency = currency(row);
        if (currency == null) {
            return new DatedAmount(null, null, null, RejectReason.BAD_CURRENCY);
        }
        BigDecimal amount = positiveAmount(row.get("amount"), currency);
        if (amount == null) {
            return new DatedAmount(null, null, null, RejectReason.BAD_AMOUNT);
        }
        return new DatedAmount(date, currency, amount, null);
    }

    /** A positive amount with at most the currency's minor digits, or null. */
    protected static BigDecimal positiveAmount(String value, CurrencyRule currency) {
        BigDecimal amount = FieldRules.amount(value, currency.minorDigits());
        return amount != null && amount.signum() > 0 ? amount : null;
    }
}
