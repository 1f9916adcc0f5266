package com.p4p.arrears.arrears;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;

import org.springframework.jdbc.core.JdbcTemplate;

import com.p4p.arrears.ledger.Ids;

/**
 * The ageing's reads of account_spend_day (spend per account and charge date, primary key
 * (account_id, charge_date)): only what {@link SpendTails} asks for, so rows read per night follow the
 * owing accounts and their debt's age, not the number of nights behind them.
 * <p>
 * Each account's range is its own condition, {@code (account_id = 'A' AND charge_date >= 'd') OR ...},
 * so both databases seek to it in the primary key. A condition on the whole chunk's id range
 * ({@code account_id BETWEEN first AND last AND charge_date >= d}) would not: InnoDB then scans every
 * row of the id range, the history of every account in it. Statements carry at most
 * {@value #RANGES_PER_STATEMENT} ranges, well inside MariaDB's range optimizer memory (past it the
 * server would silently scan). Ids are validated before they get here, so they are written as literals
 * ({@link Ids}); dates come from LocalDate.
 */
public class SpendHistoryStore implements SpendTails.Source {

    static final int RANGES_PER_STATEMENT = 1000;

    private final JdbcTemplate jdbc;
    private final SpendTails.Counts counts = new SpendTails.Counts();

    public SpendHistoryStore(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** The spend per charge date each owing account's anchor needs (see {@link SpendTails}). */
    public Map<String, NavigableMap<LocalDate, BigDecimal>> tails(LocalDate businessDate, List<SpendTails.Owing> owing) {
        return SpendTails.read(businessDate, owing, this, counts);
    }

    /** What this store read so far (one per step execution: the writer is step-scoped). */
    public SpendTails.Counts counts() {
        return counts;
    }

    @Override
    public void read(List<SpendTails.Range> ranges, SpendTails.Row sink) {
        for (int i = 0; i < ranges.size(); i += RANGES_PER_STATEMENT) {
            List<SpendTails.Range> part = ranges.subList(i, Math.min(ranges.size(), i + RANGES_PER_STATEMENT));
            StringBuilder sql = new StringBuilder(part.size() * 80 + 80)
                    .append("SELECT account_id, charge_date, amount FROM account_spend_day WHERE ");
            for (int r = 0; r < part.size(); r++) {
                SpendTails.Range range = part.get(r);
                sql.append(r == 0 ? "(" : " OR (").append("account_id = ").append(Ids.literal(range.accountId()))
                        .append(" AND charge_date >= DATE '").append(range.from()).append('\'');
                if (range.before() != null) {
                    sql.append(" AND charge_date < DATE '").append(range.before()).append('\'');
                }
                sql.append(')');
            }
            jdbc.query(sql.toString(), rs -> {
                sink.accept(rs.getString(1), rs.getObject(2, LocalDate.class), rs.getBigDecimal(3));
            });
        }
    }

    @Override
    public Map<String, LocalDate> firstChargeDates(Collection<String> accountIds) {
        Map<String, LocalDate> first = new HashMap<>();
        List<String> ids = new ArrayList<>(accountIds);
        for (int i = 0; i < ids.size(); i += RANGES_PER_STATEMENT) {
            // MIN of the key's second part per first part: MariaDB reads one index entry per account
            jdbc.query("SELECT account_id, MIN(charge_date) FROM account_spend_day WHERE account_id IN "
                    + Ids.inList(ids.subList(i, Math.min(ids.size(), i + RANGES_PER_STATEMENT))) + " GROUP BY account_id",
                    rs -> {
                        first.put(rs.getString(1), rs.getObject(2, LocalDate.class));
                    });
        }
        return first;
    }
}
