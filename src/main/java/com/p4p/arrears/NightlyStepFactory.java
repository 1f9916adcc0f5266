package com.p4p.arrears;

import static com.p4p.arrears.NightlyStepNames.CHUNK_SIZE;
import static com.p4p.arrears.NightlyStepNames.chunkSizeKey;

import java.time.LocalDate;

import org.springframework.batch.core.listener.StepExecutionListener;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.builder.StepBuilder;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.core.env.Environment;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import com.p4p.arrears.ingest.Source;
import com.p4p.arrears.ops.ProgressLogger;
import com.p4p.arrears.ops.RunParameters;
import com.p4p.arrears.ops.StepMetrics;
import com.p4p.arrears.partition.PartitionKeys;

/**
 * What every nightly step shares, for the per-feature step configurations: a builder that reports the
 * step's heap ({@link StepMetrics}), its chunk size ({@code pipeline.chunk-size.<step>}, else
 * {@code pipeline.chunk-size}) and progress against the rows of the date's input file.
 */
@Component
public class NightlyStepFactory {

    private final JobRepository jobRepository;
    private final StepMetrics metrics;
    private final Environment environment;
    private final JdbcTemplate jdbc;
    private final int defaultChunkSize;

    public NightlyStepFactory(JobRepository jobRepository, StepMetrics metrics, Environment environment,
                              JdbcTemplate jdbc, @Value("${" + CHUNK_SIZE + ":1000}") int defaultChunkSize) {
        this.jobRepository = jobRepository;
        this.metrics = metrics;
        this.environment = environment;
        this.jdbc = jdbc;
        this.defaultChunkSize = defaultChunkSize;
    }

    /** A step of the night; every step reports the heap it needed (run summary, benchmark). */
    public StepBuilder step(String name) {
        return new StepBuilder(name, jobRepository).listener((StepExecutionListener) metrics);
    }

    /** Rows (or accounts) per chunk, i.e. per transaction and per restart point. */
    public int chunkSize(String step) {
        return environment.getProperty(chunkSizeKey(step), Integer.class, defaultChunkSize);
    }

    /** Progress of one partition of a file's rows, against the rows its line range holds. */
    public ProgressLogger progressOfRange() {
        return new ProgressLogger("rows", step -> step.getExecutionContext().getLong(PartitionKeys.PLANNED_ROWS, -1));
    }

    /** Progress of the rows of a file that wait for an earlier row of theirs (decided after the partitions). */
    public ProgressLogger progressOfDeferred(Source source) {
        return new ProgressLogger("deferred rows", step -> {
            LocalDate date = step.getJobExecution().getJobParameters().getLocalDate(RunParameters.BUSINESS_DATE);
            Long rows = jdbc.queryForObject("SELECT COUNT(*) FROM deferred_row WHERE business_date = ? AND source = ?",
                    Long.class, java.sql.Date.valueOf(date), source.code());
            return rows == null ? -1 : rows;
        });
    }

    /** Progress of a step that reads one of the date's files, against the data rows its trailer counts. */
    public ProgressLogger progressOf(Source source) {
        return new ProgressLogger("rows", step -> {
            LocalDate date = step.getJobExecution().getJobParameters().getLocalDate(RunParameters.BUSINESS_DATE);
            Long rows = jdbc.query("SELECT data_rows FROM input_file WHERE business_date = ? AND source = ?",
                    rs -> rs.next() ? rs.getLong(1) : -1L, java.sql.Date.valueOf(date), source.code());
            return rows == null ? -1 : rows;
        });
    }
}
