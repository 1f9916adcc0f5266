package com.p4p.arrears.db;

import java.sql.DatabaseMetaData;

import javax.sql.DataSource;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.support.JdbcUtils;
import org.springframework.jdbc.support.MetaDataAccessException;

/** What differs between MySQL and the embedded H2. */
public final class Databases {

    private Databases() {
    }

    public static boolean isH2(DataSource dataSource) {
        try {
            String product = JdbcUtils.extractDatabaseMetaData(dataSource, DatabaseMetaData::getDatabaseProductName);
            return product != null && product.toLowerCase().contains("h2");
        } catch (MetaDataAccessException e) {
            throw new IllegalStateException("cannot reach the database: " + e.getMessage(), e);
        }
    }

    /**
     * A JdbcTemplate that streams large results row by row instead of buffering them: MySQL's driver
     * only streams with a fetch size of Integer.MIN_VALUE.
     */
    public static JdbcTemplate streaming(DataSource dataSource) {
        JdbcTemplate jdbc = new JdbcTemplate(dataSource);
        jdbc.setFetchSize(isH2(dataSource) ? 1000 : Integer.MIN_VALUE);
        return jdbc;
    }
}
