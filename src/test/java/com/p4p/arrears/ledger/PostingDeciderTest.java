package com.p4p.arrears.ledger;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.p4p.arrears.ingest.EntryType;
import com.p4p.arrears.ingest.IngestLog.Tally;
import com.p4p.arrears.ingest.LedgerItem;
import com.p4p.arrears.ingest.Source;
import com.p4p.arrears.reconcile.Break;
import com.p4p.arrears.reconcile.BreakType;

/** SPEC 3 dispositions of valid spend and payments rows against the ledger. */
class PostingDeciderTest {

    static final LocalDate D = LocalDate.of(2024, 3, 15);

    private Map<String, LedgerItem> taken;
    private Map<String, String> accounts;
    private Set<String> postedPayments;
    private Tally tally;

    @BeforeEach
    void ledger() {
        taken = new HashMap<>();
        accounts = new HashMap<>(Map.of("A1", "USD", "A2", "USD", "J1", "JPY"));
        postedPayments = new HashSet<>();
        tally = new Tally(2, 0);
    }

    private static LedgerItem spend(String id, String account, String amount, String currency, String campaign) {
        return new LedgerItem(Source.SPEND, id, account, EntryType.SPEND, D, new BigDecimal(amount), currency, campaign,
                10L, null, null, D, 2);
    }

    private static LedgerItem spend(String id, String account, String amount) {
        return spend(id, account, amount, "USD", "K1");
    }

    private static LedgerItem payment(String id, String account, EntryType type, String amount, String original) {
        return new LedgerItem(Source.PAYMENTS, id, account, type, D, new BigDecimal(amount), "USD", null, null,
                "ALIPAY", original, D, 2);
    }

    private PostingDecider.Decisions decide(LedgerItem... items) {
        return PostingDecider.decide(List.of(items), taken, accounts::get, postedPayments, tally);
    }

    private int dispositions() {
        return tally.posted + tally.duplicate + tally.conflict + tally.suspended + tally.currencyMismatch;
    }

    @Test
    void newIdOfAKnownAccountPosts() {
        LedgerItem c1 = spend("C1", "A1", "12.50");

        PostingDecider.Decisions d = decide(c1);

        assertThat(d.toPost()).containsExactly(c1);
        assertThat(d.toSuspend()).isEmpty();
        assertThat(d.breaks()).isEmpty();
        assertThat(tally.posted).isEqualTo(1);
        assertThat(taken).containsEntry("C1", c1);
    }

    @Test
    void takenIdWithIdenticalContentIsADuplicate() {
        taken.put("C1", spend("C1", "A1", "10.50"));

        PostingDecider.Decisions d = decide(spend("C1", "A1", "10.5"));

        assertThat(d.toPost()).isEmpty();
        assertThat(d.toSuspend()).isEmpty();
        assertThat(d.breaks()).isEmpty();
        assertThat(tally.duplicate).isEqualTo(1);
        assertThat(dispositions()).isEqualTo(1);
    }

    @Test
    void takenIdWithADifferentAmountIsAConflict() {
        taken.put("C1", spend("C1", "A1", "10.00"));

        PostingDecider.Decisions d = decide(spend("C1", "A1", "12.5"));

        assertThat(d.toPost()).isEmpty();
        assertThat(tally.conflict).isEqualTo(1);
        assertThat(d.breaks()).hasSize(1);
        Break b = d.breaks().get(0);
        assertThat(b.type()).isEqualTo(BreakType.CONFLICTING_DUPLICATE);
        assertThat(b.source()).isEqualTo("spend");
        assertThat(b.reference()).isEqualTo("C1");
        assertThat(b.accountId()).isEqualTo("A1");
        assertThat(b.expected()).isEqualByComparingTo("10.00");
        assertThat(b.actual()).isEqualByComparingTo("12.50");
        assertThat(b.difference()).isEqualByComparingTo("2.50");
        assertThat(b.currency()).isEqualTo("USD");
    }

    @Test
    void takenIdWithADifferentCampaignIsAConflictWithZeroDifference() {
        taken.put("C1", spend("C1", "A1", "10.50", "USD", "K1"));

        PostingDecider.Decisions d = decide(spend("C1", "A1", "10.50", "USD", "K2"));

        assertThat(tally.conflict).isEqualTo(1);
        Break b = d.breaks().get(0);
        assertThat(b.type()).isEqualTo(BreakType.CONFLICTING_DUPLICATE);
        assertThat(b.expected()).isEqualByComparingTo("10.50");
        assertThat(b.actual()).isEqualByComparingTo("10.50");
        assertThat(b.difference()).isEqualByComparingTo("0");
    }

    @Test
    void otherDifferencesAreConflictsToo() {
        LedgerItem first = spend("C1", "A1", "10.00");
        taken.put("C1", first);
        LedgerItem otherDate = new LedgerItem(Source.SPEND, "C1", "A1", EntryType.SPEND, D.minusDays(1),
                new BigDecimal("10.00"), "USD", "K1", 10L, null, null, D, 2);
        LedgerItem otherClicks = new LedgerItem(Source.SPEND, "C1", "A1", EntryType.SPEND, D,
                new BigDecimal("10.00"), "USD", "K1", 11L, null, null, D, 2);

        decide(otherDate, otherClicks, spend("C1", "A2", "10.00"), spend("C1", "J1", "10", "JPY", "K1"));

        assertThat(tally.conflict).isEqualTo(4);
        assertThat(taken).containsEntry("C1", first);
    }

    @Test
    void anotherDaysReceiptOrLineDoesNotMakeADifference() {
        taken.put("C1", new LedgerItem(Source.SPEND, "C1", "A1", EntryType.SPEND, D, new BigDecimal("10.00"), "USD",
                "K1", 10L, null, null, D.minusDays(3), 99));

        decide(spend("C1", "A1", "10"));

        assertThat(tally.duplicate).isEqualTo(1);
    }

    @Test
    void repeatsWithinTheChunkAreComparedWithTheFirst() {
        LedgerItem first = spend("C1", "A1", "10.00");

        PostingDecider.Decisions d = decide(first, spend("C1", "A1", "10.0"), spend("C1", "A1", "11.00"),
                spend("C1", "A1", "10"));

        assertThat(d.toPost()).containsExactly(first);
        assertThat(tally.posted).isEqualTo(1);
        assertThat(tally.duplicate).isEqualTo(2);
        assertThat(tally.conflict).isEqualTo(1);
        assertThat(d.breaks()).singleElement().satisfies(b -> {
            assertThat(b.type()).isEqualTo(BreakType.CONFLICTING_DUPLICATE);
            assertThat(b.expected()).isEqualByComparingTo("10.00");
            assertThat(b.actual()).isEqualByComparingTo("11.00");
            assertThat(b.difference()).isEqualByComparingTo("1.00");
        });
        assertThat(dispositions()).isEqualTo(4);
    }

    @Test
    void unknownAccountIsSuspendedWithABreakAndTakesTheId() {
        LedgerItem c1 = spend("C1", "NEW", "7.25");

        PostingDecider.Decisions d = decide(c1, spend("C1", "NEW", "7.250"), spend("C1", "NEW", "8.00"));

        assertThat(d.toPost()).isEmpty();
        assertThat(d.toSuspend()).containsExactly(c1);
        assertThat(tally.suspended).isEqualTo(1);
        assertThat(tally.duplicate).isEqualTo(1);
        assertThat(tally.conflict).isEqualTo(1);
        assertThat(taken).containsEntry("C1", c1);
        assertThat(d.breaks()).hasSize(2);
        Break b = d.breaks().get(0);
        assertThat(b.type()).isEqualTo(BreakType.UNKNOWN_ACCOUNT);
        assertThat(b.source()).isEqualTo("spend");
        assertThat(b.reference()).isEqualTo("C1");
        assertThat(b.accountId()).isEqualTo("NEW");
        assertThat(b.expected()).isNull();
        assertThat(b.actual()).isEqualByComparingTo("7.25");
        assertThat(b.difference()).isNull();
        assertThat(b.currency()).isEqualTo("USD");
        assertThat(d.breaks().get(1).type()).isEqualTo(BreakType.CONFLICTING_DUPLICATE);
    }

    @Test
    void accountIdsAreCaseSensitive() {
        PostingDecider.Decisions d = decide(spend("C1", "a1", "1.00"));

        assertThat(d.toSuspend()).hasSize(1);
        assertThat(d.breaks().get(0).type()).isEqualTo(BreakType.UNKNOWN_ACCOUNT);
    }

    @Test
    void currencyMismatchTakesNoIdSoACorrectedRowPosts() {
        LedgerItem wrong = spend("C1", "A1", "1000", "JPY", "K1");
        LedgerItem right = spend("C1", "A1", "9.99", "USD", "K1");

        PostingDecider.Decisions d = decide(wrong, right);

        assertThat(tally.currencyMismatch).isEqualTo(1);
        assertThat(tally.posted).isEqualTo(1);
        assertThat(d.toPost()).containsExactly(right);
        assertThat(taken).containsEntry("C1", right);
        assertThat(d.breaks()).singleElement().satisfies(b -> {
            assertThat(b.type()).isEqualTo(BreakType.CURRENCY_MISMATCH);
            assertThat(b.reference()).isEqualTo("C1");
            assertThat(b.accountId()).isEqualTo("A1");
            assertThat(b.actual()).isEqualByComparingTo("1000");
            assertThat(b.currency()).isEqualTo("JPY");
            assertThat(b.expected()).isNull();
        });
    }

    @Test
    void repeatedCurrencyMismatchIsAMismatchEachTime() {
        decide(spend("C1", "A1", "1000", "JPY", "K1"), spend("C1", "A1", "1000", "JPY", "K1"));

        assertThat(tally.currencyMismatch).isEqualTo(2);
        assertThat(taken).isEmpty();
    }

    @Test
    void orphanChargebackPostsWithABreak() {
        LedgerItem cb = payment("CB1", "A1", EntryType.CHARGEBACK, "30.00", "P404");

        PostingDecider.Decisions d = decide(cb);

        assertThat(d.toPost()).containsExactly(cb);
        assertThat(tally.posted).isEqualTo(1);
        assertThat(d.breaks()).singleElement().satisfies(b -> {
            assertThat(b.type()).isEqualTo(BreakType.ORPHAN_CHARGEBACK);
            assertThat(b.source()).isEqualTo("payments");
            assertThat(b.reference()).isEqualTo("CB1");
            assertThat(b.accountId()).isEqualTo("A1");
            assertThat(b.actual()).isEqualByComparingTo("30.00");
            assertThat(b.currency()).isEqualTo("USD");
        });
    }

    @Test
    void chargebackOfAPaymentPostedEarlierInTheChunkIsNotOrphan() {
        LedgerItem p = payment("P1", "A1", EntryType.PAYMENT, "30.00", null);
        LedgerItem cb = payment("CB1", "A1", EntryType.CHARGEBACK, "30.00", "P1");

        PostingDecider.Decisions d = decide(p, cb);

        assertThat(d.toPost()).containsExactly(p, cb);
        assertThat(d.breaks()).isEmpty();
        assertThat(postedPayments).contains("P1");
    }

    @Test
    void chargebackOfAPaymentPostedInAnEarlierRunOrToAnotherAccountIsNotOrphan() {
        postedPayments.add("P0");

        PostingDecider.Decisions d = decide(payment("P2", "A2", EntryType.PAYMENT, "5.00", null),
                payment("CB1", "A1", EntryType.CHARGEBACK, "30.00", "P0"),
                payment("CB2", "A1", EntryType.CHARGEBACK, "5.00", "P2"));

        assertThat(d.toPost()).hasSize(3);
        assertThat(d.breaks()).isEmpty();
    }

    @Test
    void chargebackBeforeItsPaymentInTheFileIsOrphan() {
        PostingDecider.Decisions d = decide(payment("CB1", "A1", EntryType.CHARGEBACK, "30.00", "P1"),
                payment("P1", "A1", EntryType.PAYMENT, "30.00", null));

        assertThat(d.toPost()).hasSize(2);
        assertThat(d.breaks()).extracting(Break::type).containsExactly(BreakType.ORPHAN_CHARGEBACK);
    }

    @Test
    void chargebackOfASuspendedOrMismatchedPaymentIsOrphan() {
        LedgerItem suspended = payment("P1", "NEW", EntryType.PAYMENT, "30.00", null);
        LedgerItem mismatched = new LedgerItem(Source.PAYMENTS, "P2", "J1", EntryType.PAYMENT, D,
                new BigDecimal("30.00"), "USD", null, null, "CARD", null, D, 3);

        PostingDecider.Decisions d = decide(suspended, mismatched,
                payment("CB1", "A1", EntryType.CHARGEBACK, "30.00", "P1"),
                payment("CB2", "A1", EntryType.CHARGEBACK, "30.00", "P2"));

        assertThat(d.breaks()).extracting(Break::type).containsExactly(BreakType.UNKNOWN_ACCOUNT,
                BreakType.CURRENCY_MISMATCH, BreakType.ORPHAN_CHARGEBACK, BreakType.ORPHAN_CHARGEBACK);
        assertThat(d.breaks().subList(2, 4)).extracting(Break::reference).containsExactly("CB1", "CB2");
    }

    @Test
    void chargebackNamingItselfIsOrphan() {
        PostingDecider.Decisions d = decide(payment("CB1", "A1", EntryType.CHARGEBACK, "30.00", "CB1"));

        assertThat(d.toPost()).hasSize(1);
        assertThat(d.breaks()).extracting(Break::type).containsExactly(BreakType.ORPHAN_CHARGEBACK);
    }

    @Test
    void suspendedChargebackRaisesNoOrphanBreakYet() {
        PostingDecider.Decisions d = decide(payment("CB1", "NEW", EntryType.CHARGEBACK, "30.00", "P404"));

        assertThat(d.toSuspend()).hasSize(1);
        assertThat(d.breaks()).extracting(Break::type).containsExactly(BreakType.UNKNOWN_ACCOUNT);
    }

    @Test
    void refundWithoutAPostedOriginalRaisesNoBreak() {
        PostingDecider.Decisions d = decide(payment("R1", "A1", EntryType.REFUND, "5.00", "P404"),
                payment("R2", "A1", EntryType.REFUND, "5.00", null));

        assertThat(d.toPost()).hasSize(2);
        assertThat(d.breaks()).isEmpty();
    }

    @Test
    void duplicateChargebackRaisesNoSecondOrphanBreak() {
        LedgerItem cb = payment("CB1", "A1", EntryType.CHARGEBACK, "30.00", "P404");

        PostingDecider.Decisions d = decide(cb, payment("CB1", "A1", EntryType.CHARGEBACK, "30", "P404"));

        assertThat(tally.posted).isEqualTo(1);
        assertThat(tally.duplicate).isEqualTo(1);
        assertThat(d.breaks()).extracting(Break::type).containsExactly(BreakType.ORPHAN_CHARGEBACK);
    }

    @Test
    void chargebacksNamingDifferentOriginalsConflict() {
        decide(payment("CB1", "A1", EntryType.CHARGEBACK, "30.00", "P1"),
                payment("CB1", "A1", EntryType.CHARGEBACK, "30.00", "P2"));

        assertThat(tally.conflict).isEqualTo(1);
    }

    @Test
    void paymentsAndSpendWithTheSameIdInOtherSourcesAreIndependent() {
        // the caller loads taken ids per source; a spend id never blocks a payment of the same name
        PostingDecider.Decisions spendChunk = decide(spend("X1", "A1", "1.00"));
        Map<String, LedgerItem> paymentsTaken = new HashMap<>();
        Tally paymentsTally = new Tally(2, 1);
        PostingDecider.Decisions paymentsChunk = PostingDecider.decide(
                List.of(payment("X1", "A1", EntryType.PAYMENT, "1.00", null)), paymentsTaken, accounts::get, postedPayments,
                paymentsTally);

        assertThat(spendChunk.toPost()).hasSize(1);
        assertThat(paymentsChunk.toPost()).hasSize(1);
        assertThat(paymentsTally.posted).isEqualTo(1);
    }

    @Test
    void everyItemGetsExactlyOneDisposition() {
        taken.put("C0", spend("C0", "A1", "1.00"));
        List<LedgerItem> items = new ArrayList<>(List.of(
                spend("C0", "A1", "1"),                      // duplicate
                spend("C0", "A1", "2"),                      // conflict
                spend("C1", "A1", "3"),                      // posted
                spend("C2", "ZZ", "4"),                      // suspended
                spend("C3", "J1", "5", "USD", "K1"),         // currency mismatch
                spend("C3", "J1", "5", "JPY", "K1"),         // posted
                spend("C2", "ZZ", "4.0")));                  // duplicate of suspended

        PostingDecider.Decisions d = PostingDecider.decide(items, taken, accounts::get, postedPayments, tally);

        assertThat(tally.posted).isEqualTo(2);
        assertThat(tally.duplicate).isEqualTo(2);
        assertThat(tally.conflict).isEqualTo(1);
        assertThat(tally.suspended).isEqualTo(1);
        assertThat(tally.currencyMismatch).isEqualTo(1);
        assertThat(dispositions()).isEqualTo(items.size());
        assertThat(d.toPost()).extracting(LedgerItem::id).containsExactly("C1", "C3");
        assertThat(d.toSuspend()).extracting(LedgerItem::id).containsExactly("C2");
    }
}
