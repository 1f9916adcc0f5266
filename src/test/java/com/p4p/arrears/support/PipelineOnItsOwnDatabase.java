package com.p4p.arrears.support;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

import com.p4p.arrears.ArrearsPipelineApplication;
import com.p4p.arrears.ops.ArrearsCommandLine;
import com.p4p.arrears.ops.NightlyRunner;

/**
 * The application in the test's JVM on a fresh database of its own ({@link TestDatabase}: a MySQL database
 * beside SPRING_DATASOURCE_URL's, else an H2 file), with the test profile's settings: for running the same
 * nights several ways and comparing what each leaves. Extra configuration classes (e.g. a
 * {@link FaultInjector}'s) are given explicitly, so only this pipeline has them.
 */
public final class PipelineOnItsOwnDatabase implements AutoCloseable {

    private final TestDatabase db;
    private final ConfigurableApplicationContext context;

    private PipelineOnItsOwnDatabase(TestDatabase db, ConfigurableApplicationContext context) {
        this.db = db;
        this.context = context;
    }

    public static PipelineOnItsOwnDatabase start(Path dir, String name, Class<?>... configurations) {
        TestDatabase db = TestDatabase.fresh(dir, name);
        List<Class<?>> sources = new ArrayList<>(List.of(ArrearsPipelineApplication.class));
        sources.addAll(List.of(configurations));
        // command-line arguments: they outrank SPRING_DATASOURCE_* of the environment
        List<String> args = new ArrayList<>(List.of("--spring.profiles.active=test"));
        datasource(db).forEach((k, v) -> args.add("--" + k + "=" + v));
        ConfigurableApplicationContext context = new SpringApplicationBuilder(sources.toArray(Class<?>[]::new))
                .registerShutdownHook(false).run(args.toArray(String[]::new));
        return new PipelineOnItsOwnDatabase(db, context);
    }

    public NightlyRunner runner() {
        return context.getBean(NightlyRunner.class);
    }

    public JdbcTemplate jdbc() {
        return context.getBean(JdbcTemplate.class);
    }

    public <T> T bean(Class<T> type) {
        return context.getBean(type);
    }

    /** The real command line (a context of its own, default settings) on this pipeline's database. */
    public CommandLineInProcess.Result command(String... args) {
        Map<String, String> settings = datasource(db);
        Map<String, String> before = new java.util.HashMap<>();
        settings.keySet().forEach(k -> before.put(k, System.getProperty(k)));
        settings.forEach(System::setProperty);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        try {
            int code = new ArrearsCommandLine(new PrintStream(out, true, StandardCharsets.UTF_8),
                    new PrintStream(err, true, StandardCharsets.UTF_8), false).execute(args);
            return new CommandLineInProcess.Result(code, out.toString(StandardCharsets.UTF_8),
                    err.toString(StandardCharsets.UTF_8));
        } finally {
            before.forEach((k, v) -> {
                if (v == null) {
                    System.clearProperty(k);
                } else {
                    System.setProperty(k, v);
                }
            });
        }
    }

    private static Map<String, String> datasource(TestDatabase db) {
        Map<String, String> env = db.env();
        Map<String, String> out = new java.util.LinkedHashMap<>();
        out.put("spring.datasource.url", env.get("SPRING_DATASOURCE_URL"));
        out.put("spring.datasource.username", env.get("SPRING_DATASOURCE_USERNAME"));
        out.put("spring.datasource.password", env.get("SPRING_DATASOURCE_PASSWORD"));
        return out;
    }

    @Override
    public void close() {
        context.close();
        db.close();
    }
}
