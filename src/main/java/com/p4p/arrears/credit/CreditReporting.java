package com.p4p.arrears.credit;

import java.time.LocalDate;
import java.util.Objects;

/**
 * Decides what is reported to credit bureaus tonight, given what was reported last (SPEC 7). The
 * bureaus only ever hear of changes, so a record is produced exactly when the reported status moves.
 */
public final class CreditReporting {

    /**
     * Tonight's reported status.
     *
     * @param status                  the reported status after tonight (the last reported one when unchanged)
     * @param dateOfFirstDelinquency  the open episode's date to carry to the next night; null when the
     *                                reported status is 11 (no episode open)
     * @param record                  the record to write, or null when the reported status did not change
     */
    public record Reported(String status, LocalDate dateOfFirstDelinquency, CreditRecord record) {
    }

    private CreditReporting() {
    }

    /**
     * @param lastReported      the status last reported (11 for a new account)
     * @param episodeDate       the date of first delinquency of the open episode, null when none is open
     * @param earned            today's status from {@link CreditStatus#of}
     * @param hold              the account's enforcement_hold
     * @param anchor            today's oldest unpaid charge date (becomes a new episode's date)
     */
    public static Reported report(String lastReported, LocalDate episodeDate, String earned, boolean hold, LocalDate anchor) {
        Objects.requireNonNull(lastReported, "lastReported");
        Objects.requireNonNull(earned, "earned");
        // A hold stops the account from being reported worse, but an improvement is always reported.
        String reported = hold && CreditStatus.isWorse(earned, lastReported) ? lastReported : earned;
        LocalDate openEpisode = CreditStatus.CURRENT.equals(lastReported) ? null : episodeDate;
        if (reported.equals(lastReported)) {
            return new Reported(lastReported, openEpisode, null);
        }
        if (CreditStatus.CURRENT.equals(lastReported)) {
            // A status above 11 needs 30+ days past due, so there is always an anchor here.
            Objects.requireNonNull(anchor, "anchor of a new delinquency");
            return new Reported(reported, anchor, new CreditRecord(CreditRecord.DELINQUENT, reported, lastReported, anchor));
        }
        Objects.requireNonNull(openEpisode, "date of first delinquency of the open episode");
        if (CreditStatus.CURRENT.equals(reported)) {
            // The CURED record closes the episode with its date; the next delinquency opens a new one.
            return new Reported(reported, null, new CreditRecord(CreditRecord.CURED, reported, lastReported, openEpisode));
        }
        String event = CreditStatus.isWorse(reported, lastReported) ? CreditRecord.WORSENED : CreditRecord.IMPROVED;
        return new Reported(reported, openEpisode, new CreditRecord(event, reported, lastReported, openEpisode));
    }
}
