package com.p4p.arrears.report;

import java.sql.Date;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The intraday lifts of a business date (SPEC 13) as the night's report.html shows them: each lifted
 * file with its rows and postings, and how many accounts' enforcement the lifts lowered, by stage.
 *
 * @param files    in file time order
 * @param lowered  per (from, to) stage pair, most severe from-stage first as the policy orders stages
 */
public record DayLifts(List<LiftedFile> files, List<Lowered> lowered) {

    public record LiftedFile(String fileTime, String fileName, long rows, long posted) {
    }

    public record Lowered(String fromStage, String toStage, long accounts) {
    }

    public boolean isEmpty() {
        return files.isEmpty();
    }

    /** Rows posted by all the date's lifts. */
    public long posted() {
        return files.stream().mapToLong(LiftedFile::posted).sum();
    }

    public static DayLifts load(JdbcTemplate jdbc, LocalDate businessDate, List<String> stagesMostSevereFirst) {
        Date day = Date.valueOf(businessDate);
        List<LiftedFile> files = new ArrayList<>();
        jdbc.query("SELECT f.file_time, f.file_name, f.data_rows, COALESCE(SUM(t.posted), 0) FROM intraday_file f"
                + " LEFT JOIN intraday_tally t ON t.business_date = f.business_date AND t.file_time = f.file_time"
                + " WHERE f.business_date = ? GROUP BY f.file_time, f.file_name, f.data_rows ORDER BY f.file_time", rs -> {
                    String name = rs.getString(2);
                    files.add(new LiftedFile(rs.getString(1), name.substring(Math.max(name.lastIndexOf('/'),
                            name.lastIndexOf('\\')) + 1), rs.getLong(3), rs.getLong(4)));
                }, day);
        List<Lowered> lowered = new ArrayList<>();
        jdbc.query("SELECT lifted_from, lifted_to, COUNT(*) FROM intraday_account WHERE business_date = ?"
                + " AND lifted_from IS NOT NULL GROUP BY lifted_from, lifted_to", rs -> {
                    lowered.add(new Lowered(rs.getString(1), rs.getString(2), rs.getLong(3)));
                }, day);
        lowered.sort(java.util.Comparator.<Lowered>comparingInt(l -> rank(stagesMostSevereFirst, l.fromStage()))
                .thenComparingInt(l -> rank(stagesMostSevereFirst, l.toStage())));
        return new DayLifts(files, lowered);
    }

    private static int rank(List<String> stages, String stage) {
        int i = stages.indexOf(stage);
        return i < 0 ? stages.size() : i;
    }
}
