package com.p4p.arrears.ledger;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

import com.p4p.arrears.ingest.LedgerItem;
import com.p4p.arrears.ingest.Source;

/**
 * Reads the duplicate keys a ledger load reported back to the rows the server skipped. MySQL and
 * MariaDB write a key's values in the key's column order joined by '-': for uk_ledger_source_id
 * (source_id, source) that is "&lt;source_id&gt;-&lt;source&gt;". Ids may themselves contain '-', so
 * the id is what precedes the known source suffix, not what follows the first '-'.
 */
final class DuplicateKeys {

    private DuplicateKeys() {
    }

    /** The source_id in a reported key of uk_ledger_source_id, or null when it is not one of this source's. */
    static String sourceId(String key, Source source) {
        String suffix = "-" + source.code();
        if (key == null || key.length() <= suffix.length() || !key.endsWith(suffix)) {
            return null;
        }
        return key.substring(0, key.length() - suffix.length());
    }

    /**
     * The lines of the items whose ids the server named as duplicate keys, or null unless every named
     * key is a distinct one of the items' (the caller then finds the skipped rows another way).
     */
    static Set<Long> skippedLines(List<LedgerItem> items, Source source, List<String> keys) {
        if (keys == null) {
            return null;
        }
        Set<String> ids = new HashSet<>();
        for (String key : keys) {
            String id = sourceId(key, source);
            if (id == null || !ids.add(id)) {
                return null;
            }
        }
        // the items' ids are distinct (an id posts once), so each named id is at most one item's
        Set<Long> skipped = new HashSet<>();
        for (LedgerItem i : items) {
            if (ids.contains(i.id())) {
                skipped.add(i.lineNumber());
            }
        }
        if (skipped.size() != ids.size()) {
            return null;
        }
        return skipped;
    }
}
