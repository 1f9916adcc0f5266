package com.p4p.arrears.db;

import java.util.Locale;
import java.util.Properties;

import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.stereotype.Component;

import com.zaxxer.hikari.HikariDataSource;

/**
 * The driver settings of application.properties ({@code spring.datasource.hikari.data-source-properties.*})
 * are our defaults; a setting the operator writes in the JDBC URL wins over them. MySQL Connector/J
 * lets the properties it is given override the URL's, so without this {@code allowLoadLocalInfile=false}
 * in SPRING_DATASOURCE_URL would be ignored: each setting the URL's query names is dropped from the
 * defaults before the pool opens its first connection (Hikari connects lazily).
 */
@Component
public class JdbcUrlSettingsFirst implements BeanPostProcessor {

    @Override
    public Object postProcessAfterInitialization(Object bean, String beanName) {
        if (bean instanceof HikariDataSource hikari && hikari.getJdbcUrl() != null) {
            dropSetInUrl(hikari.getJdbcUrl(), hikari.getDataSourceProperties());
        }
        return bean;
    }

    /** Removes from {@code defaults} every key (case-insensitively) that the URL's query sets. */
    static void dropSetInUrl(String url, Properties defaults) {
        int query = url.indexOf('?');
        if (query < 0 || !url.startsWith("jdbc:mysql:")) {
            return;
        }
        for (String pair : url.substring(query + 1).split("&")) {
            int eq = pair.indexOf('=');
            String key = (eq < 0 ? pair : pair.substring(0, eq)).trim().toLowerCase(Locale.ROOT);
            defaults.stringPropertyNames().stream().filter(k -> k.toLowerCase(Locale.ROOT).equals(key)).toList()
                    .forEach(defaults::remove);
        }
    }
}
