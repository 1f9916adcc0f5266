package com.p4p.arrears.support;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.opencsv.CSVReader;
import com.opencsv.exceptions.CsvException;

/** Reads a night's output files the way a downstream system would. */
public final class Outputs {

    private final Path dir;

    public Outputs(Path outputRoot, LocalDate date) {
        this.dir = outputRoot.resolve(date.format(DateTimeFormatter.BASIC_ISO_DATE));
    }

    /** The files of one folder, e.g. a lift's {@code <output>/yyyyMMdd/intraday/HHmmss/}. */
    public Outputs(Path dir) {
        this.dir = dir;
    }

    public Path dir() {
        return dir;
    }

    /** The rows of a file as column → value maps, in file order. */
    public List<Map<String, String>> rows(String file) {
        try (Reader r = Files.newBufferedReader(dir.resolve(file), StandardCharsets.UTF_8);
             CSVReader csv = new CSVReader(r)) {
            List<String[]> all = csv.readAll();
            String[] header = all.get(0);
            List<Map<String, String>> out = new ArrayList<>();
            for (String[] row : all.subList(1, all.size())) {
                Map<String, String> m = new LinkedHashMap<>();
                for (int i = 0; i < header.length; i++) {
                    m.put(header[i], row[i]);
                }
                out.add(m);
            }
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (CsvException e) {
            throw new IllegalStateException(e);
        }
    }

    public String header(String file) {
        return lines(file).get(0);
    }

    public List<String> lines(String file) {
        try {
            return Files.readAllLines(dir.resolve(file), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A recon_summary value by metric and key. */
    public String summary(String metric, String key) {
        return rows("recon_summary.csv").stream()
                .filter(r -> r.get("metric").equals(metric) && r.get("key").equals(key))
                .map(r -> r.get("value")).findFirst()
                .orElseThrow(() -> new AssertionError("no summary row " + metric + "/" + key));
    }

    /** The account_status row of an account. */
    public Map<String, String> account(String accountId) {
        return rows("account_status.csv").stream().filter(r -> r.get("account_id").equals(accountId)).findFirst()
                .orElseThrow(() -> new AssertionError("no account_status row for " + accountId));
    }
}
