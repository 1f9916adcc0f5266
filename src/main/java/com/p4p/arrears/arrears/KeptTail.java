package com.p4p.arrears.arrears;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;

/**
 * What an owing account's ageing keeps for the next night (issue 14): its anchor (SPEC 5), the spend
 * charged before the anchor and the spend charged on it. Tonight's spend from the anchor on is then
 * {@code debits - spendBefore}, once the late charges posted since that were dated on or before the
 * anchor are added to the two sums; so an account that stays in debt reads none of its unpaid stretch
 * again ({@link SpendTails}). Plain Java.
 *
 * @param asOf          the business date it was kept on (spend posted by that run or before is in the sums)
 * @param spendBefore   the account's spend charged before the anchor (its debits less the spend from the anchor on)
 * @param spendOnAnchor the spend charged on the anchor date itself (&gt; 0: the anchor is a charge date)
 */
public record KeptTail(LocalDate asOf, LocalDate anchor, BigDecimal spendBefore, BigDecimal spendOnAnchor) {

    /**
     * The spend one run posted to an account, as its close recorded it (account_day_delta).
     *
     * @param postedOn        the run's business date
     * @param firstChargeDate the earliest charge date of that spend (null: none posted; {@link LocalDate#MIN}: not recorded)
     * @param lateSpend       the spend charged before {@code postedOn}, per charge date; null when not recorded
     */
    public record Posted(LocalDate postedOn, LocalDate firstChargeDate, NavigableMap<LocalDate, BigDecimal> lateSpend) {
    }

    /**
     * What tonight's classification keeps, or null when there is nothing to keep: the account owes
     * nothing, owes more than the spend it walked (its anchor is then its first charge, or a reversal
     * date), or its debits are unknown.
     *
     * @param spend the spend per charge date its anchor was found in: complete from the anchor on
     */
    public static KeptTail of(LocalDate businessDate, BigDecimal owed, LocalDate anchor,
                              NavigableMap<LocalDate, BigDecimal> spend, BigDecimal debits) {
        if (owed == null || owed.signum() <= 0 || anchor == null || debits == null || spend == null) {
            return null;
        }
        BigDecimal onAnchor = spend.get(anchor);
        if (onAnchor == null || onAnchor.signum() <= 0) {
            return null;
        }
        BigDecimal fromAnchor = BigDecimal.ZERO;
        for (BigDecimal amount : spend.tailMap(anchor, true).values()) {
            fromAnchor = fromAnchor.add(amount);
        }
        if (fromAnchor.compareTo(owed) < 0) {
            return null;
        }
        return new KeptTail(businessDate, anchor, debits.subtract(fromAnchor), onAnchor);
    }

    /**
     * The kept tail brought up to tonight, or null when it cannot be: a run since it was kept posted spend
     * charged on or before the anchor without recording how much per charge date (a close that summed the
     * entries in the database, or one written before V13), or the debits are unknown. Late charges dated
     * before the anchor join the spend before it, those dated on it the spend on it; later spend needs
     * nothing, as it is in the debits.
     *
     * @param debits the account's debits now
     * @param posted the spend the runs after the tail was kept posted (runs up to {@link #asOf} are skipped)
     */
    public SpendTails.Tail carriedOn(BigDecimal debits, List<Posted> posted) {
        if (debits == null) {
            return null;
        }
        BigDecimal before = spendBefore;
        BigDecimal on = spendOnAnchor;
        for (Posted p : posted) {
            if (!lateCharge(p)) {
                continue;
            }
            if (p.lateSpend() == null) {
                return null;
            }
            for (Map.Entry<LocalDate, BigDecimal> late : p.lateSpend().headMap(anchor, true).entrySet()) {
                if (late.getKey().isBefore(anchor)) {
                    before = before.add(late.getValue());
                } else {
                    on = on.add(late.getValue());
                }
            }
        }
        return new SpendTails.Tail(anchor, debits.subtract(before), on);
    }

    /** Whether a run since the tail was kept posted spend charged on or before its anchor (a late charge). */
    public boolean lateChargeSince(List<Posted> posted) {
        return posted.stream().anyMatch(this::lateCharge);
    }

    /** Whether the run came after the tail was kept and posted spend charged on or before the anchor. */
    private boolean lateCharge(Posted p) {
        return p.postedOn().isAfter(asOf) && p.firstChargeDate() != null && !p.firstChargeDate().isAfter(anchor);
    }
}
