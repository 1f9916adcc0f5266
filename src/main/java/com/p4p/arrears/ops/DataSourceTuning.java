package com.p4p.arrears.ops;

import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.stereotype.Component;

import com.zaxxer.hikari.HikariDataSource;

/**
 * MySQL driver settings the pipeline relies on, whatever URL the operator configured: batched
 * inserts are rewritten into multi-row statements (one round trip per chunk, not per row), and
 * LOAD DATA LOCAL is allowed for the bulk appends of {@link BulkLoad}.
 */
@Component
public class DataSourceTuning implements BeanPostProcessor {

    @Override
    public Object postProcessBeforeInitialization(Object bean, String beanName) {
        if (bean instanceof HikariDataSource hikari && hikari.getJdbcUrl() != null
                && hikari.getJdbcUrl().startsWith("jdbc:mysql:")) {
            hikari.addDataSourceProperty("rewriteBatchedStatements", "true");
            hikari.addDataSourceProperty("cachePrepStmts", "true");
            hikari.addDataSourceProperty("useServerPrepStmts", "false");
            // LOAD DATA LOCAL INFILE from in-memory streams (BulkLoad). The driver then also sends a local
            // file if the server asks for one: the pipeline's database is trusted, like its credentials.
            hikari.addDataSourceProperty("allowLoadLocalInfile", "true");
        }
        return bean;
    }
}
