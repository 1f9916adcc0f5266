package com.p4p.arrears.support;

import java.sql.Statement;
import java.util.List;

import javax.sql.DataSource;

import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.springframework.jdbc.core.ConnectionCallback;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.junit.jupiter.SpringExtension;

import com.p4p.arrears.db.Databases;

/** Empties every table before each test, so each test starts from a fresh ledger and job repository. */
public class CleanDatabaseExtension implements BeforeEachCallback, BeforeAllCallback {

    private static boolean announced;

    @Override
    public void beforeAll(ExtensionContext context) {
        if (!announced) {
            announced = true;
            String url = System.getenv("SPRING_DATASOURCE_URL");
            if (url == null || url.isBlank()) {
                System.out.println("WARNING: no MySQL configured (SPRING_DATASOURCE_URL unset): pipeline tests run"
                        + " on embedded H2 in MySQL mode. CI runs them on MariaDB (.ci/run).");
            } else {
                System.out.println("pipeline tests run on " + url);
            }
        }
    }

    @Override
    public void beforeEach(ExtensionContext context) {
        wipe(SpringExtension.getApplicationContext(context).getBean(DataSource.class));
    }

    /** Empties the ledger and the job repository. */
    public static void wipe(DataSource dataSource) {
        JdbcTemplate jdbc = new JdbcTemplate(dataSource);
        boolean h2 = Databases.isH2(dataSource);
        List<String> tables = jdbc.queryForList(h2
                ? "SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' AND table_type = 'BASE TABLE'"
                : "SELECT table_name FROM information_schema.tables WHERE table_schema = DATABASE() AND table_type = 'BASE TABLE'",
                String.class);
        // one connection throughout: the foreign-key switch is per session
        jdbc.execute((ConnectionCallback<Void>) con -> {
            try (Statement s = con.createStatement()) {
                s.execute(h2 ? "SET REFERENTIAL_INTEGRITY FALSE" : "SET FOREIGN_KEY_CHECKS = 0");
                for (String table : tables) {
                    String t = table.toLowerCase();
                    if (t.startsWith("flyway_schema_history") || t.endsWith("_seq")) {
                        continue; // the schema's history, and Batch's MySQL id sequences (kept monotonic)
                    }
                    s.execute("TRUNCATE TABLE " + table);
                }
                s.execute(h2 ? "SET REFERENTIAL_INTEGRITY TRUE" : "SET FOREIGN_KEY_CHECKS = 1");
            }
            return null;
        });
    }
}
