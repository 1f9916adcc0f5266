package com.p4p.arrears.db;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import com.p4p.arrears.support.TestDatabase;
import com.zaxxer.hikari.HikariDataSource;

/**
 * The two ways BulkLoad writes (LOAD DATA LOCAL, and batched multi-row inserts where the driver or the
 * server refuses it) leave the same rows and refuse the same things. The driver's refusal is the JDBC
 * URL's {@code allowLoadLocalInfile=false}, which must win over the application's default of true.
 * MySQL only.
 */
class BulkPathsTest {

    @TempDir
    Path tmp;

    @Test
    void theUrlsAllowLoadLocalInfileFalseWinsOverTheDefaultAndBothPathsWriteTheSameRows() throws Exception {
        assumeTrue(TestDatabase.mysqlConfigured(), "needs MySQL (SPRING_DATASOURCE_URL): H2 never bulk-loads");
        try (TestDatabase db = TestDatabase.fresh(tmp, "bulkpaths");
             HikariDataSource fast = pool(db.url());
             HikariDataSource refused = pool(db.url() + (db.url().contains("?") ? "&" : "?") + "allowLoadLocalInfile=false")) {
            boolean serverAllows = new JdbcTemplate(fast).queryForObject("SELECT @@global.local_infile", Integer.class) == 1;
            assumeTrue(serverAllows, "the server refuses LOAD DATA LOCAL: nothing to compare the batched path with");
            assertThat(BulkPath.decide(fast)).isEqualTo(BulkPath.LOAD_DATA_LOCAL);
            assertThat(BulkPath.decide(refused)).isEqualTo(BulkPath.BATCHED_INSERT);
            assertThat(BulkPath.probe(refused).message()).contains("the driver (allowLoadLocalInfile=false");

            JdbcTemplate jdbc = new JdbcTemplate(fast);
            for (String t : List.of("t_fast", "t_batched")) {
                jdbc.execute("CREATE TABLE " + t + " (id VARCHAR(20) NOT NULL PRIMARY KEY, note VARCHAR(40) NULL,"
                        + " amount DECIMAL(18,4) NOT NULL, day DATE NULL, n BIGINT NULL) CHARACTER SET utf8mb4 COLLATE utf8mb4_bin");
            }
            write(fast, "t_fast");
            write(refused, "t_batched");
            String select = "SELECT id, note, amount, day, n FROM %s ORDER BY id";
            List<Map<String, Object>> loaded = jdbc.queryForList(select.formatted("t_fast"));
            assertThat(loaded).hasSize(2502);
            assertThat(jdbc.queryForList(select.formatted("t_batched"))).isEqualTo(loaded);
            assertThat(loaded.get(0)).containsEntry("note", "tab\there \\ back\nslash 'quoted' é€").containsEntry("day", null);

            for (HikariDataSource ds : List.of(fast, refused)) {
                String table = ds == fast ? "t_fast" : "t_batched";
                // a duplicate key and a value the column cannot hold fail the whole chunk on both paths
                assertThatThrownBy(() -> inTransaction(ds, j -> {
                    rows("new1", "R1").into(j, table, "id, note, amount, day, n");
                    return null;
                }))
                        .as(table).isInstanceOf(RuntimeException.class);
                assertThatThrownBy(() -> inTransaction(ds, j -> {
                    new BulkLoad().text("new2").text("x".repeat(41)).decimal(BigDecimal.ONE).date(null)
                            .number((Long) null).endRow().into(j, table, "id, note, amount, day, n");
                    return null;
                }))
                        .as(table).isInstanceOf(RuntimeException.class);
                assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM " + table + " WHERE id LIKE 'new%'", Long.class)).isZero();
                // skipping duplicate keys reports the same rows inserted and the same keys skipped
                BulkLoad.Loaded skipped = inTransaction(ds, j -> rows("R2", "new3", "R5")
                        .intoSkippingDuplicateKeys(j, table, "id, note, amount, day, n"));
                assertThat(skipped.inserted()).as(table).isEqualTo(1);
                assertThat(skipped.duplicateKeys()).as(table).containsExactly("R2", "R5");
            }
            assertThat(jdbc.queryForList(select.formatted("t_batched"))).isEqualTo(jdbc.queryForList(select.formatted("t_fast")));
        }
    }

    /** Many rows (more than one statement of the batched path), replaced in part, with every kind of value. */
    private static void write(HikariDataSource ds, String table) {
        inTransaction(ds, j -> {
            BulkLoad load = new BulkLoad();
            load.text("A0").text("tab\there \\ back\nslash 'quoted' é€").decimal(new BigDecimal("-12.3456")).date(null)
                    .number(Long.MIN_VALUE + 1).endRow();
            load.text("A1").text(null).decimal(new BigDecimal("1E+3")).date(LocalDate.of(2026, 2, 28)).number((Long) null).endRow();
            for (int i = 0; i < 2_500; i++) {
                load.text("R" + i).text(i % 3 == 0 ? "" : "n" + i).decimal(BigDecimal.valueOf(i, 2))
                        .date(LocalDate.of(2026, 1, 1).plusDays(i % 400)).number(i).endRow();
            }
            load.into(j, table, "id, note, amount, day, n");
            BulkLoad replace = new BulkLoad();
            for (int i = 0; i < 2_100; i += 7) {
                replace.text("R" + i).text("replaced\0" + i).decimal(BigDecimal.valueOf(-i)).date(null).number(-i).endRow();
            }
            replace.replacing(j, table, "id, note, amount, day, n");
            return null;
        });
    }

    private static BulkLoad rows(String... ids) {
        BulkLoad load = new BulkLoad();
        for (String id : ids) {
            load.text(id).text("again").decimal(BigDecimal.TEN).date(LocalDate.of(2026, 3, 1)).number(1L).endRow();
        }
        return load;
    }

    private static <T> T inTransaction(HikariDataSource ds, java.util.function.Function<JdbcTemplate, T> work) {
        return new TransactionTemplate(new DataSourceTransactionManager(ds)).execute(s -> work.apply(new JdbcTemplate(ds)));
    }

    /** A pool as the application configures it: its driver defaults, the URL's settings first. */
    private static HikariDataSource pool(String url) {
        HikariDataSource ds = new HikariDataSource();
        ds.setJdbcUrl(url);
        ds.setUsername(System.getenv().getOrDefault("SPRING_DATASOURCE_USERNAME", "root"));
        ds.setPassword(System.getenv().getOrDefault("SPRING_DATASOURCE_PASSWORD", ""));
        ds.addDataSourceProperty("rewriteBatchedStatements", "true");
        ds.addDataSourceProperty("cachePrepStmts", "true");
        ds.addDataSourceProperty("useServerPrepStmts", "false");
        ds.addDataSourceProperty("allowLoadLocalInfile", "true");
        new JdbcUrlSettingsFirst().postProcessAfterInitialization(ds, "dataSource");
        return ds;
    }
}
