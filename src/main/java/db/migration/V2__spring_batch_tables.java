package db.migration;

import java.sql.Connection;

import org.flywaydb.core.api.migration.BaseJavaMigration;
import org.flywaydb.core.api.migration.Context;
import org.springframework.core.io.ClassPathResource;
import org.springframework.jdbc.datasource.init.ScriptUtils;

/**
 * Spring Batch's job repository tables, from the script Spring Batch ships for the database in use,
 * so they are versioned with ours and never drift from the Batch version on the classpath.
 */
public class V2__spring_batch_tables extends BaseJavaMigration {

    @Override
    public void migrate(Context context) throws Exception {
        Connection connection = context.getConnection();
        String product = connection.getMetaData().getDatabaseProductName().toLowerCase();
        String platform = product.contains("h2") ? "h2" : "mysql";
        ScriptUtils.executeSqlScript(connection,
                new ClassPathResource("org/springframework/batch/core/schema-" + platform + ".sql"));
    }
}
