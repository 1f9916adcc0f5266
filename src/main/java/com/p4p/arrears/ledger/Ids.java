package com.p4p.arrears.ledger;

import java.util.Collection;

import com.p4p.arrears.ingest.FieldRules;

/**
 * Id lists for {@code IN (...)} lookups of a whole chunk. Ids are validated (1-64 characters of
 * {@code A-Z a-z 0-9 _ - .}, SPEC 2) before they get here, so they are written into the SQL as
 * literals, not bound as parameters (README, Performance: why).
 * Anything else is refused here, never quoted: the check is what makes the literal safe.
 */
public final class Ids {

    private Ids() {
    }

    /** {@code ('a','b',...)} of non-empty ids. */
    public static String inList(Collection<String> ids) {
        if (ids.isEmpty()) {
            throw new IllegalArgumentException("an IN list needs at least one id");
        }
        StringBuilder s = new StringBuilder(ids.size() * 16 + 2).append('(');
        for (String id : ids) {
            if (!FieldRules.isId(id)) {
                throw new IllegalArgumentException("not a valid id: " + id);
            }
            if (s.length() > 1) {
                s.append(',');
            }
            s.append('\'').append(id).append('\'');
        }
        return s.append(')').toString();
    }

    /** {@code 'a'}: one id as an SQL literal. */
    public static String literal(String id) {
        if (!FieldRules.isId(id)) {
            throw new IllegalArgumentException("not a valid id: " + id);
        }
        return "'" + id + "'";
    }
}
