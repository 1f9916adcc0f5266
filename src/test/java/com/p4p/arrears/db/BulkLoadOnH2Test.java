package com.p4p.arrears.db;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.sql.Date;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * On embedded H2 (MySQL mode, as the application opens it) BulkLoad takes its batched path, and that
 * path writes what the writers' own batched statements wrote: REPLACE is the upsert of a row whose
 * every column is given, a plain insert fails on a duplicate key, dates, decimals and NULLs arrive as
 * given. So a store can use BulkLoad on every database.
 */
class BulkLoadOnH2Test {

    @TempDir
    Path tmp;

    @Test
    void onH2TheBatchedPathReplacesInsertsAndRefusesDuplicatesLikeStatements() {
        SingleConnectionDataSource ds = new SingleConnectionDataSource("jdbc:h2:file:" + tmp.resolve("bulk").toAbsolutePath()
                + ";MODE=MySQL;DATABASE_TO_LOWER=TRUE;CASE_INSENSITIVE_IDENTIFIERS=TRUE;USER=sa;PASSWORD=", true);
        try {
            JdbcTemplate jdbc = new JdbcTemplate(ds);
            assertThat(BulkPath.decide(ds)).isEqualTo(BulkPath.BATCHED_INSERT);
            jdbc.execute("CREATE TABLE t (id VARCHAR(20) NOT NULL PRIMARY KEY, note VARCHAR(40) NULL,"
                    + " amount DECIMAL(18,4) NOT NULL, d DATE NULL, n BIGINT NULL)");
            TransactionTemplate tx = new TransactionTemplate(new DataSourceTransactionManager(ds));
            tx.executeWithoutResult(s -> rows(3000, "first").into(jdbc, "t", "id, note, amount, d, n"));
            tx.executeWithoutResult(s -> new BulkLoad().text("R00001").text("replaced \t\\ é").decimal(new BigDecimal("-1.5"))
                    .date(null).number((Long) null).endRow()
                    .text("R99999").text(null).decimal(BigDecimal.ZERO).date(LocalDate.of(2026, 11, 27)).number(3L).endRow()
                    .replacing(jdbc, "t", "id, note, amount, d, n"));

            assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM t", Long.class)).isEqualTo(3001);
            assertThat(jdbc.queryForMap("SELECT note, amount, d, n FROM t WHERE id = 'R00001'"))
                    .containsEntry("note", "replaced \t\\ é").containsEntry("amount", new BigDecimal("-1.5000"))
                    .containsEntry("d", null).containsEntry("n", null);
            assertThat(jdbc.queryForMap("SELECT note, amount, d, n FROM t WHERE id = 'R02999'"))
                    .containsEntry("note", "first").containsEntry("amount", new BigDecimal("2999.2500"))
                    .containsEntry("d", Date.valueOf("2026-01-02")).containsEntry("n", 2999L);
            assertThat(jdbc.queryForMap("SELECT note, d, n FROM t WHERE id = 'R99999'"))
                    .containsEntry("note", null).containsEntry("d", Date.valueOf("2026-11-27")).containsEntry("n", 3L);

            // a duplicate key fails the whole chunk, as the batched statements did
            assertThatThrownBy(() -> tx.executeWithoutResult(s -> {
                new BulkLoad().text("new1").text(null).decimal(BigDecimal.ONE).date(null).number(1L).endRow()
                        .into(jdbc, "t", "id, note, amount, d, n");
                new BulkLoad().text("R00002").text(null).decimal(BigDecimal.ONE).date(null).number(1L).endRow()
                        .into(jdbc, "t", "id, note, amount, d, n");
            })).isInstanceOf(RuntimeException.class);
            assertThat(jdbc.queryForList("SELECT id FROM t WHERE id = 'new1'")).isEmpty();
        } finally {
            ds.destroy();
        }
    }

    private static BulkLoad rows(int n, String note) {
        BulkLoad load = new BulkLoad();
        for (int i = 1; i <= n; i++) {
            load.text("R%05d".formatted(i)).text(note).decimal(new BigDecimal(i + ".25")).date(LocalDate.of(2026, 1, 2))
                    .number((long) i).endRow();
        }
        return load;
    }
}
