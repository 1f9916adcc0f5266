package com.p4p.arrears.report;

import java.time.LocalDate;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;

/**
 * The enforcement_hold an account had on a past night, from its changes (table account_hold_change,
 * kept from migration V9 on) and its hold now. Before its first recorded change the hold was the
 * opposite of that change; without any change it is the hold now. Accounts whose hold changed before
 * the history was kept read as if it had always been what it was then (see the README).
 */
public final class HoldHistory {

    private final NavigableMap<LocalDate, Boolean> changes;
    private final boolean now;

    public HoldHistory(NavigableMap<LocalDate, Boolean> changes, boolean now) {
        this.changes = changes == null ? new TreeMap<>() : changes;
        this.now = now;
    }

    public boolean on(LocalDate night) {
        return holdOn(changes, now, night);
    }

    /** The same rule for a caller that keeps the changes itself. */
    public static boolean holdOn(NavigableMap<LocalDate, Boolean> changes, boolean now, LocalDate night) {
        if (changes == null || changes.isEmpty()) {
            return now;
        }
        Map.Entry<LocalDate, Boolean> last = changes.floorEntry(night);
        return last != null ? last.getValue() : !changes.firstEntry().getValue();
    }
}
