package com.p4p.arrears.ledger;

import java.sql.Date;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

import com.p4p.arrears.ingest.EntryType;
import com.p4p.arrears.ingest.LedgerItem;
import com.p4p.arrears.ingest.Source;
import com.p4p.arrears.db.BulkLoad;
import com.p4p.arrears.db.Databases;

/**
 * The ledger tables: posted entries and suspense. Every lookup takes a whole chunk's ids at once: there
 * are no per-row queries. Every entry inserted is reported to the {@link DayPostingsTracker}, whose
 * sums spare the close a pass over the day's entries.
 */
@Repository
public class LedgerRepository {

    static final String ITEM_COLUMNS = "source, source_id, account_id, entry_type, entry_date, amount, currency, "
            + "campaign_id, clicks, channel, original_payment_id, received_date, line_number";

    private final JdbcTemplate jdbc;
    private final DayPostingsTracker posted;

    private final NightAccounts nightAccounts;
    private volatile Boolean bulkLoads;
    private volatile JdbcTemplate streaming;

    public LedgerRepository(JdbcTemplate jdbc,
                            @Value("${pipeline.posting.account-directory-max:10000000}") long accountDirectoryMax) {
        this.jdbc = jdbc;
        this.nightAccounts = new NightAccounts(jdbc, this::streaming, accountDirectoryMax);
        this.posted = new DayPostingsTracker(nightAccounts::loaded);
    }

    /** The sums of the day's postings, kept as they commit (for the close). */
    public DayPostingsTracker dayPostings() {
        return posted;
    }

    /** Whether the database takes LOAD DATA LOCAL (MySQL); asked once. */
    public boolean bulkLoads() {
        if (bulkLoads == null) {
            bulkLoads = !Databases.isH2(jdbc.getDataSource());
        }
        return bulkLoads;
    }

    /** The items that hold these ids (posted, or waiting in suspense), by id. */
    public Map<String, LedgerItem> takenIds(Source source, Collection<String> ids) {
        Map<String, LedgerItem> taken = postedItems(source, ids);
        taken.putAll(openSuspense(source, ids));
        return taken;
    }

    /** The posted entries with these ids, by id. */
    public Map<String, LedgerItem> postedItems(Source source, Collection<String> ids) {
        return items("ledger_entry", source, ids, "");
    }

    /** The items with these ids waiting in suspense, by id. */
    public Map<String, LedgerItem> openSuspense(Source source, Collection<String> ids) {
        return items("suspense_item", source, ids, " AND status = 'OPEN'");
    }

    private Map<String, LedgerItem> items(String table, Source source, Collection<String> ids, String condition) {
        Map<String, LedgerItem> out = new HashMap<>();
        if (!ids.isEmpty()) {
            jdbc.query("SELECT " + ITEM_COLUMNS + " FROM " + table + " WHERE source = '" + source.code()
                    + "' AND source_id IN " + Ids.inList(ids) + condition, rs -> {
                        LedgerItem item = item(rs);
                        out.put(item.id(), item);
                    });
        }
        return out;
    }

    /**
     * Every account's currency in memory while a date is posted, or null when there are too many accounts
     * (posting then looks them up chunk by chunk): one per night, shared by its partitions ({@link NightAccounts}).
     */
    public AccountDirectory accountDirectory(LocalDate postedDate) {
        return nightAccounts.of(postedDate, NightAccounts.currentRun());
    }

    /** A filter of the ids of a source's items waiting in suspense. */
    public IdFilter openSuspenseFilter(Source source) {
        long open = jdbc.queryForObject("SELECT COUNT(*) FROM suspense_item WHERE status = 'OPEN' AND source = ?",
                Long.class, source.code());
        IdFilter filter = new IdFilter(open);
        streaming().query("SELECT source_id FROM suspense_item WHERE status = 'OPEN' AND source = ?", rs -> {
            filter.add(rs.getString(1));
        }, source.code());
        return filter;
    }

    private JdbcTemplate streaming() {
        if (streaming == null) {
            streaming = Databases.streaming(jdbc.getDataSource());
        }
        return streaming;
    }

    /** The currency of each of these accounts that exists. */
    public Map<String, String> accountCurrencies(Collection<String> accountIds) {
        Map<String, String> out = new HashMap<>();
        if (!accountIds.isEmpty()) {
            jdbc.query("SELECT account_id, currency FROM account WHERE account_id IN " + Ids.inList(accountIds), rs -> {
                out.put(rs.getString(1), rs.getString(2));
            });
        }
        return out;
    }

    /** Which of these payment ids have been posted (for any account). */
    public Set<String> postedPaymentIds(Collection<String> paymentIds) {
        Set<String> out = new HashSet<>();
        if (!paymentIds.isEmpty()) {
            jdbc.query("SELECT source_id FROM ledger_entry WHERE source = 'payments' AND source_id IN "
                    + Ids.inList(paymentIds), rs -> {
                        out.add(rs.getString(1));
                    });
        }
        return out;
    }

    /**
     * Appends posted entries. On MySQL one LOAD DATA LOCAL per chunk, streamed from memory (a fifth of
     * the time of multi-row inserts, whose client-side parameter binding alone cost more than the
     * server's work); on H2 batched inserts.
     */
    public void insertLedger(List<LedgerItem> items, LocalDate postedDate) {
        insertLedger(items, postedDate, true);
    }

    /**
     * @param trackDay whether this process's day sums take the entries; false for an intraday lift, whose
     *                 process never closes the day (the close finds those entries in the ledger)
     */
    public void insertLedger(List<LedgerItem> items, LocalDate postedDate, boolean trackDay) {
        if (items.isEmpty()) {
            return;
        }
        if (bulkLoads()) {
            long before = trackDay ? lastEntryId() : 0;
            LedgerLoadLines.rows(items, LedgerLoadLines::none, postedDate).into(jdbc, "ledger_entry", LedgerLoadLines.COLUMNS);
            if (trackDay) {
                nightAccounts.ensure(postedDate);
                posted.inserted(postedDate, items, before);
            }
        } else {
            insertItems("INSERT INTO ledger_entry (" + ITEM_COLUMNS + ", posted_date) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
                    items, Date.valueOf(postedDate));
            if (trackDay) {
                posted.insertedUntracked(postedDate);
            }
        }
    }

    /** The highest entry id (a primary-key lookup). */
    private long lastEntryId() {
        return jdbc.queryForObject("SELECT COALESCE(MAX(entry_id), 0) FROM ledger_entry", Long.class);
    }

    /**
     * Appends entries that are expected to post, trusting the ledger's unique key rather than a lookup
     * per row (MySQL only): one LOAD DATA LOCAL whose duplicate-key rows the server skips.
     *
     * @param prepared each item's {@link LedgerLoadLines} line if encoded ahead (null, or null items: not)
     * @return the items inserted, in order: all of them but those whose id was already posted
     */
    public List<LedgerItem> appendLedger(List<LedgerItem> items, Function<LedgerItem, byte[]> prepared, Source source,
                                         LocalDate postedDate) {
        if (items.isEmpty()) {
            return items;
        }
        long before = lastEntryId();
        BulkLoad.Loaded loaded = LedgerLoadLines.rows(items, prepared, postedDate)
                .intoSkippingDuplicateKeys(jdbc, "ledger_entry", LedgerLoadLines.COLUMNS);
        long skips = items.size() - loaded.inserted();
        if (skips == 0) {
            nightAccounts.ensure(postedDate);
            posted.inserted(postedDate, items, before);
            return items;
        }
        Set<Long> skipped = DuplicateKeys.skippedLines(items, source, loaded.duplicateKeys());
        if (skipped == null) {
            // the server did not name them all: the rows inserted are the new entries, by line number
            skipped = new HashSet<>();
            for (LedgerItem i : items) {
                skipped.add(i.lineNumber());
            }
            Set<Long> notInserted = skipped;
            jdbc.query("SELECT line_number FROM ledger_entry WHERE entry_id > ? AND source = ? AND posted_date = ?",
                    rs -> {
                        notInserted.remove(rs.getLong(1));
                    }, before, source.code(), Date.valueOf(postedDate));
        }
        if (skipped.size() != skips) {
            throw new IllegalStateException("loaded " + loaded.inserted() + " of " + items.size() + " " + source.code()
                    + " entries but cannot tell which " + skips + " were skipped");
        }
        // a few skipped lines against a chunk of items: searched in a sorted array, no boxing per item
        long[] skippedLines = skipped.stream().mapToLong(Long::longValue).sorted().toArray();
        List<LedgerItem> inserted = new ArrayList<>(items.size());
        for (LedgerItem i : items) {
            if (Arrays.binarySearch(skippedLines, i.lineNumber()) < 0) {
                inserted.add(i);
            }
        }
        nightAccounts.ensure(postedDate);
        posted.inserted(postedDate, inserted, before);
        return inserted;
    }

    public void insertSuspense(List<LedgerItem> items) {
        insertItems("INSERT INTO suspense_item (" + ITEM_COLUMNS + ", status) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
                items, "OPEN");
    }

    private void insertItems(String sql, List<LedgerItem> items, Object last) {
        if (items.isEmpty()) {
            return;
        }
        jdbc.batchUpdate(sql, items, items.size(), (ps, i) -> {
            ps.setString(1, i.source().code());
            ps.setString(2, i.id());
            ps.setString(3, i.accountId());
            ps.setString(4, i.type().name());
            ps.setDate(5, Date.valueOf(i.entryDate()));
            ps.setBigDecimal(6, i.amount());
            ps.setString(7, i.currency());
            ps.setString(8, i.campaignId());
            if (i.clicks() == null) {
                ps.setNull(9, Types.BIGINT);
            } else {
                ps.setLong(9, i.clicks());
            }
            ps.setString(10, i.channel());
            ps.setString(11, i.originalPaymentId());
            ps.setDate(12, Date.valueOf(i.receivedDate()));
            ps.setLong(13, i.lineNumber());
            ps.setObject(14, last);
        });
    }

    /** Reads an item from a ledger_entry or suspense_item row. */
    public static LedgerItem item(ResultSet rs) throws SQLException {
        long clicks = rs.getLong("clicks");
        Long clicksOrNull = rs.wasNull() ? null : clicks;
        return new LedgerItem(Source.valueOf(rs.getString("source").toUpperCase()), rs.getString("source_id"),
                rs.getString("account_id"), EntryType.valueOf(rs.getString("entry_type")),
                rs.getObject("entry_date", LocalDate.class), rs.getBigDecimal("amount"), rs.getString("currency"),
                rs.getString("campaign_id"), clicksOrNull, rs.getString("channel"),
                rs.getString("original_payment_id"), rs.getObject("received_date", LocalDate.class),
                rs.getLong("line_number"));
    }
}
