package com.p4p.arrears.arrears;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.NavigableMap;
import java.util.TreeMap;

/**
 * One advertiser account's ledger over several nights, as the pipeline would feed it to the engine:
 * post charges and payments, then run the night and keep the state it leaves for the next one.
 */
final class AccountHistory {

    private final ArrearsEngine engine;
    private final String currency;
    private final NavigableMap<LocalDate, BigDecimal> spend = new TreeMap<>();
    private BigDecimal credits = BigDecimal.ZERO;
    private BigDecimal debits = BigDecimal.ZERO;
    private LocalDate earliestReversal;
    private boolean hold;
    private AccountState state;

    AccountHistory(ArrearsEngine engine, String currency) {
        this.engine = engine;
        this.currency = currency;
    }

    AccountHistory charge(LocalDate chargeDate, String amount) {
        spend.merge(chargeDate, new BigDecimal(amount), BigDecimal::add);
        debits = debits.add(new BigDecimal(amount));
        return this;
    }

    AccountHistory pay(String amount) {
        credits = credits.add(new BigDecimal(amount));
        return this;
    }

    /** A refund or chargeback paid on {@code paidDate}: money taken back from the account. */
    AccountHistory reverse(LocalDate paidDate, String amount) {
        credits = credits.subtract(new BigDecimal(amount));
        if (earliestReversal == null || paidDate.isBefore(earliestReversal)) {
            earliestReversal = paidDate;
        }
        return this;
    }

    AccountHistory hold(boolean on) {
        hold = on;
        return this;
    }

    BigDecimal balance() {
        return credits.subtract(debits);
    }

    AccountState state() {
        return state;
    }

    /** Classifies the account for business date {@code d} and keeps the resulting state. */
    ArrearsOutcome night(LocalDate d) {
        ArrearsOutcome out = engine.classify(
                new ArrearsInput(d, "A1", currency, hold, balance(), spend, earliestReversal, state));
        state = out.next();
        return out;
    }
}
