package com.p4p.arrears.partition.worker;

import java.util.Arrays;

import javax.sql.DataSource;

import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.MigrationInfo;
import org.flywaydb.core.api.MigrationInfoService;
import org.flywaydb.core.api.MigrationState;

import com.p4p.arrears.ops.CommandLineArgs;

/**
 * A worker runs steps of whatever night the manager started, given only the step's name and the
 * execution's id: it must be the manager's jar. It never migrates the shared database (that would
 * change the schema under a running night); it checks that the database is at exactly the schema
 * version this jar carries, and refuses to start otherwise (exit 2).
 */
final class SchemaVersionCheck {

    private SchemaVersionCheck() {
    }

    static void check(DataSource dataSource, String location) {
        MigrationInfoService info = Flyway.configure().dataSource(dataSource).locations(location).load().info();
        MigrationInfo current = info.current();
        String database = current == null ? "empty (never migrated)" : "V" + current.getVersion();
        String jar = Arrays.stream(info.all()).filter(m -> m.getState() != MigrationState.FUTURE_SUCCESS
                        && m.getState() != MigrationState.FUTURE_FAILED && m.getVersion() != null)
                .reduce((a, b) -> b).map(m -> "V" + m.getVersion()).orElse("none");
        if (info.pending().length > 0 || current == null) {
            throw new CommandLineArgs.UsageException("the database schema is " + database + ", this jar's is " + jar
                    + ": run the manager with this jar first (it migrates), or start workers from the manager's jar");
        }
        boolean future = Arrays.stream(info.all()).anyMatch(m -> m.getState() == MigrationState.FUTURE_SUCCESS
                || m.getState() == MigrationState.FUTURE_FAILED);
        if (future) {
            throw new CommandLineArgs.UsageException("the database schema is " + database + ", newer than this jar's "
                    + jar + ": start workers from the manager's jar");
        }
    }
}
