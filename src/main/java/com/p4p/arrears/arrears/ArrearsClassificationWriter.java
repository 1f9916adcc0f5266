package com.p4p.arrears.arrears;

import java.math.BigDecimal;
import java.sql.Date;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;

import org.springframework.batch.infrastructure.item.Chunk;
import org.springframework.batch.infrastructure.item.ItemWriter;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;

import com.p4p.arrears.credit.CreditRecord;
import com.p4p.arrears.ops.Databases;
import com.p4p.arrears.ops.Upsert;

/**
 * Classifies a chunk of accounts: loads their prior state and spend history in one query each,
 * runs the {@link ArrearsEngine} on every account, and stores the new state, the enforcement
 * actions and the credit-impact records in the chunk's transaction.
 */
public class ArrearsClassificationWriter implements ItemWriter<AccountToClassify> {

    private static final List<String> STATE_COLUMNS = List.of("account_id", "as_of_date", "balance", "owed",
            "oldest_unpaid_date", "days_past_due", "stage", "enforced_stage", "sticky_floor", "credit_status",
            "first_delinquency", "in_low_band");
    private static final Upsert SAVE_STATE = Upsert.into("account_state", STATE_COLUMNS, List.of("account_id"))
            .replace(STATE_COLUMNS.subList(1, STATE_COLUMNS.size()).toArray(String[]::new));

    private final LocalDate businessDate;
    private final ArrearsEngine engine;
    private final JdbcTemplate jdbc;
    private final NamedParameterJdbcTemplate named;
    private final boolean h2;

    public ArrearsClassificationWriter(LocalDate businessDate, ArrearsEngine engine, JdbcTemplate jdbc) {
        this.businessDate = businessDate;
        this.engine = engine;
        this.jdbc = jdbc;
        this.named = new NamedParameterJdbcTemplate(jdbc);
        this.h2 = Databases.isH2(jdbc.getDataSource());
    }

    @Override
    public void write(Chunk<? extends AccountToClassify> chunk) {
        if (chunk.isEmpty()) {
            return;
        }
        List<String> ids = chunk.getItems().stream().map(AccountToClassify::accountId).toList();
        Map<String, AccountState> prior = priorStates(ids);
        Map<String, NavigableMap<LocalDate, BigDecimal>> spend = spendByDate(ids);

        Date day = Date.valueOf(businessDate);
        List<Object[]> states = new ArrayList<>();
        List<Object[]> actions = new ArrayList<>();
        List<Object[]> credit = new ArrayList<>();
        for (AccountToClassify a : chunk) {
            ArrearsOutcome o = engine.classify(new ArrearsInput(businessDate, a.accountId(), a.currency(), a.hold(),
                    a.balance(), spend.getOrDefault(a.accountId(), new TreeMap<>()), a.earliestReversalDate(),
                    prior.get(a.accountId())));
            AccountState n = o.next();
            states.add(new Object[]{a.accountId(), day, a.balance(), o.owed(), date(o.oldestUnpaidDate()),
                    o.daysPastDue(), o.stage(), o.enforcedStage(), n.stickyFloor(), o.creditStatus(),
                    date(n.dateOfFirstDelinquency()), n.inLowBand() ? "Y" : "N"});
            int seq = 0;
            for (EnforcementAction action : o.actions()) {
                actions.add(new Object[]{day, a.accountId(), ++seq, a.storeId(), action.action(), action.fromStage(),
                        action.toStage(), o.owed(), a.currency(), o.daysPastDue()});
            }
            CreditRecord c = o.creditRecord();
            if (c != null) {
                credit.add(new Object[]{day, a.accountId(), c.event(), c.statusCode(), c.previousStatusCode(),
                        o.owed(), a.currency(), o.daysPastDue(), date(c.dateOfFirstDelinquency())});
            }
        }
        jdbc.batchUpdate(SAVE_STATE.sql(h2), states);
        jdbc.batchUpdate("INSERT INTO enforcement_action (business_date, account_id, seq, store_id, action, from_stage,"
                + " to_stage, owed, currency, days_past_due) VALUES (?,?,?,?,?,?,?,?,?,?)", actions);
        jdbc.batchUpdate("INSERT INTO credit_impact (business_date, account_id, event, status_code, previous_status_code,"
                + " amount_past_due, currency, days_past_due, first_delinquency) VALUES (?,?,?,?,?,?,?,?,?)", credit);
    }

    private Map<String, AccountState> priorStates(List<String> ids) {
        Map<String, AccountState> out = new HashMap<>();
        named.query("SELECT account_id, stage, enforced_stage, sticky_floor, credit_status, first_delinquency, in_low_band"
                + " FROM account_state WHERE account_id IN (:ids)", new MapSqlParameterSource("ids", ids), rs -> {
                    Date dofd = rs.getDate(6);
                    out.put(rs.getString(1), new AccountState(rs.getString(2), rs.getString(3), rs.getString(4),
                            rs.getString(5), dofd == null ? null : dofd.toLocalDate(), "Y".equals(rs.getString(7))));
                });
        return out;
    }

    private Map<String, NavigableMap<LocalDate, BigDecimal>> spendByDate(List<String> ids) {
        Map<String, NavigableMap<LocalDate, BigDecimal>> out = new HashMap<>();
        named.query("SELECT account_id, charge_date, amount FROM account_spend_day WHERE account_id IN (:ids)",
                new MapSqlParameterSource("ids", ids), rs -> {
                    out.computeIfAbsent(rs.getString(1), k -> new TreeMap<>())
                            .put(rs.getDate(2).toLocalDate(), rs.getBigDecimal(3));
                });
        return out;
    }

    private static Date date(LocalDate d) {
        return d == null ? null : Date.valueOf(d);
    }
}
