package com.p4p.arrears.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.batch.core.BatchStatus;
import org.springframework.beans.factory.annotation.Autowired;
import org.w3c.dom.Element;

import com.p4p.arrears.ops.NightlyRunner;
import com.p4p.arrears.ops.RunParameters;
import com.p4p.arrears.report.html.HtmlText;
import com.p4p.arrears.support.NightFiles;
import com.p4p.arrears.support.Outputs;
import com.p4p.arrears.support.PipelineTest;
import com.p4p.arrears.support.ReportPage;

/**
 * report.html through the real job, three nights: every figure on the page is traced back to the
 * night's CSVs. Summary figures must equal their recon_summary.csv row; the ledger's (owed by stage,
 * ageing, largest breaks, trend) are recomputed here from account_status.csv, recon_breaks.csv and
 * earlier nights' recon_summary.csv.
 */
@PipelineTest
class FinanceReportTest {

    static final LocalDate D1 = LocalDate.of(2026, 11, 26);
    static final LocalDate D2 = D1.plusDays(1);
    static final LocalDate D3 = D1.plusDays(2);
    static final List<String> BUCKETS = List.of("0-2", "3-6", "7-14", "15-29", "30-59", "60-89", "90+");

    @Autowired
    NightlyRunner runner;
    @TempDir
    Path in;
    @TempDir
    Path out;

    @Test
    void everyFigureOfEveryNightsReportTracesToThatNightsCsvs() throws Exception {
        writeThreeNights();
        for (LocalDate d : List.of(D1, D2, D3)) {
            assertThat(runner.run(new RunParameters(d, in, out, null)).getStatus()).isEqualTo(BatchStatus.COMPLETED);
        }
        for (LocalDate d : List.of(D1, D2, D3)) {
            Outputs o = new Outputs(out, d);
            ReportPage page = ReportPage.of(o.dir().resolve("report.html"));
            assertThat(page.one("//span[@id='business-date']").getTextContent()).isEqualTo(d.toString());
            summaryFiguresAreTheSummaryRows(o, page);
            controlTotalsPass(o, page);
            owedByStageIsTheAccountsOwed(o, page);
            ageingIsTheAccountsDaysPastDue(o, page);
            largestBreaksAreTheLargestOfRecconBreaks(o, page);
            trendIsEachEarlierNightsSummary(d, page);
        }

        // what the checks above went through, spelled out for the first and the last night
        ReportPage first = ReportPage.of(new Outputs(out, D1).dir().resolve("report.html"));
        assertThat(first.one("//td[@data-metric='breaks'][@data-key='MISSING_IN_SNAPSHOT']").getTextContent()).isEqualTo("14");
        assertThat(first.rows("//table[@data-break-type='MISSING_IN_SNAPSHOT']")).hasSize(10)
                .extracting(r -> r.get(0)).startsWith("M12", "M11").doesNotContain("A3");
        assertThat(first.one("//div[@data-ageing-currency='EUR']//*[@data-bucket='90+']").getAttribute("data-owed"))
                .isEqualTo("1235.00");
        assertThat(first.all("//div[@data-ageing-currency]")).extracting(e -> e.getAttribute("data-ageing-currency"))
                .containsExactly("CNY", "EUR", "JPY", "USD");
        ReportPage last = ReportPage.of(new Outputs(out, D3).dir().resolve("report.html"));
        assertThat(last.all("//div[@data-trend-accounts]//*[@data-date]")).hasSize(3);
        assertThat(last.all("//div[@data-ageing-currency]")).extracting(e -> e.getAttribute("data-ageing-currency"))
                .as("J1 paid on the second night").containsExactly("CNY", "EUR", "USD");
        assertThat(last.all("//div[@data-trend-currency]")).extracting(e -> e.getAttribute("data-trend-currency"))
                .as("JPY owed on the first night: its trend stays").containsExactly("CNY", "EUR", "JPY", "USD");
    }

    @Test
    void theReportIsWrittenBesideTheCsvsAndNoTemporaryFileIsLeft() throws Exception {
        new NightFiles(in, D1).accounts("A1,S1,USD,2025-01-01,N").spend("C1,A1,K1,2026-11-26,1,1.00,USD").payments();
        runner.run(new RunParameters(D1, in, out, null));

        try (Stream<Path> files = Files.list(new Outputs(out, D1).dir())) {
            assertThat(files.map(p -> p.getFileName().toString()).sorted()).containsExactly("account_status.csv",
                    "credit_impact.csv", "enforcement_actions.csv", "recon_breaks.csv", "recon_summary.csv",
                    "rejects.csv", "report.html", "runway.csv");
        }
    }

    // ---- the checks ----

    /** Each recon_summary.csv row is on the page exactly once, with the same value; nothing else claims to be one. */
    private static void summaryFiguresAreTheSummaryRows(Outputs o, ReportPage page) {
        Map<String, String> csv = new TreeMap<>();
        o.rows("recon_summary.csv").forEach(r -> csv.put(r.get("metric") + "/" + r.get("key"), r.get("value")));
        Map<String, String> shown = new TreeMap<>();
        for (Element e : page.all("//*[@data-metric]")) {
            String key = e.getAttribute("data-metric") + "/" + e.getAttribute("data-key");
            assertThat(shown.put(key, ReportPage.figure(e))).as("shown once: " + key).isNull();
        }
        assertThat(shown).as(o.dir() + " report.html against recon_summary.csv").isEqualTo(csv);
    }

    private static void controlTotalsPass(Outputs o, ReportPage page) {
        List<List<String>> rows = page.rows("//section[@id='control-totals']/table");
        assertThat(rows).extracting(r -> r.get(0)).contains("accounts_" + o.dir().getFileName() + ".csv");
        for (List<String> r : rows) {
            String source = r.get(0).substring(0, r.get(0).indexOf('_'));
            assertThat(r.get(1)).as("trailer rows of " + source).isEqualTo(o.summary("rows", source));
            assertThat(r.subList(r.size() - 2, r.size())).containsExactly("PASS", "PASS");
        }
        assertThat(page.one("//p[@id='verdict']").getAttribute("class")).isEqualTo("banner ok");
    }

    /** Owed per stage and currency is the sum of account_status.csv's owed; the totals are the summary's. */
    private static void owedByStageIsTheAccountsOwed(Outputs o, ReportPage page) {
        Map<String, BigDecimal> expected = new TreeMap<>();
        for (Map<String, String> a : o.rows("account_status.csv")) {
            expected.merge(a.get("stage") + "/" + a.get("currency"), new BigDecimal(a.get("owed")), BigDecimal::add);
        }
        Map<String, BigDecimal> shown = new TreeMap<>();
        page.all("//td[@data-stage-owed]").forEach(e -> shown.put(e.getAttribute("data-stage-owed"),
                new BigDecimal(ReportPage.figure(e))));
        assertThat(shown).isEqualTo(expected);

        List<List<String>> rows = page.rows("//section[@id='stages']/table");
        List<String> total = rows.get(rows.size() - 1);
        assertThat(total.get(0)).isEqualTo("Total");
        assertThat(total.get(1)).isEqualTo(Integer.toString(o.rows("account_status.csv").size()));
        List<String> currencies = List.of("CNY", "EUR", "JPY", "USD");
        for (int i = 0; i < currencies.size(); i++) {
            assertThat(total.get(2 + i).replace(",", "")).isEqualTo(o.summary("owed", currencies.get(i)));
        }
    }

    /** Owed per ageing bucket, recomputed from each account's days_past_due; every currency that owes has its chart. */
    private static void ageingIsTheAccountsDaysPastDue(Outputs o, ReportPage page) {
        Map<String, Map<String, String>> expected = new TreeMap<>();
        Map<String, BigDecimal[]> sums = new TreeMap<>();
        for (Map<String, String> a : o.rows("account_status.csv")) {
            BigDecimal owed = new BigDecimal(a.get("owed"));
            if (owed.signum() > 0) {
                String k = a.get("currency") + "/" + bucket(Integer.parseInt(a.get("days_past_due")));
                BigDecimal[] s = sums.computeIfAbsent(k, x -> new BigDecimal[]{BigDecimal.ZERO, BigDecimal.ZERO});
                s[0] = s[0].add(owed);
                s[1] = s[1].add(BigDecimal.ONE);
            }
        }
        sums.keySet().stream().map(k -> k.substring(0, k.indexOf('/'))).distinct().forEach(currency -> {
            Map<String, String> buckets = new LinkedHashMap<>();
            for (String b : BUCKETS) {
                BigDecimal[] s = sums.get(currency + "/" + b);
                String owed = s == null ? "0" : s[0].stripTrailingZeros().toPlainString();
                buckets.put(b, owed + " in " + (s == null ? "0" : s[1].toPlainString()));
            }
            expected.put(currency, buckets);
        });
        Map<String, Map<String, String>> shown = new TreeMap<>();
        for (Element chart : page.all("//section[@id='ageing']//div[@data-ageing-currency]")) {
            String currency = chart.getAttribute("data-ageing-currency");
            Map<String, String> buckets = new LinkedHashMap<>();
            for (Element g : page.all("//div[@data-ageing-currency='" + currency + "']//*[@data-bucket]")) {
                BigDecimal owed = new BigDecimal(g.getAttribute("data-owed"));
                buckets.put(g.getAttribute("data-bucket"), (owed.signum() == 0 ? "0" : owed.stripTrailingZeros()
                        .toPlainString()) + " in " + g.getAttribute("data-accounts"));
                assertThat(g.getTextContent()).as("the bar's label shows its amount")
                        .contains(HtmlText.grouped(g.getAttribute("data-owed")));
            }
            shown.put(currency, buckets);
            assertThat(chart.getElementsByTagName("h3").item(0).getTextContent())
                    .isEqualTo(currency + ": " + HtmlText.grouped(o.summary("owed", currency)) + " owed");
        }
        assertThat(shown).as(o.dir() + " ageing").isEqualTo(expected);
    }

    /** Per break type, the ten new breaks of recon_breaks.csv with the largest absolute amounts, in that order. */
    private static void largestBreaksAreTheLargestOfRecconBreaks(Outputs o, ReportPage page) {
        Map<String, List<List<String>>> expected = new TreeMap<>();
        List<Map<String, String>> raised = o.rows("recon_breaks.csv").stream()
                .filter(b -> b.get("resolved_date").isEmpty()).toList();
        Comparator<Map<String, String>> largestFirst = Comparator
                .comparing((Map<String, String> b) -> magnitude(b) == null ? 1 : 0)
                .thenComparing(b -> magnitude(b) == null ? BigDecimal.ZERO : magnitude(b).abs(), Comparator.reverseOrder())
                .thenComparing(b -> b.get("reference")).thenComparing(b -> b.get("source"));
        raised.stream().map(b -> b.get("break_type")).distinct().forEach(type -> expected.put(type, raised.stream()
                .filter(b -> b.get("break_type").equals(type)).sorted(largestFirst).limit(FinanceReport.TOP_BREAKS)
                .map(b -> List.of(b.get("reference"), b.get("source"), b.get("account_id"), b.get("expected"),
                        b.get("actual"), b.get("difference"), b.get("currency"))).toList()));
        Map<String, List<List<String>>> shown = new TreeMap<>();
        for (Element table : page.all("//table[@data-break-type]")) {
            String type = table.getAttribute("data-break-type");
            shown.put(type, page.rows("//table[@data-break-type='" + type + "']").stream()
                    .map(r -> r.stream().map(c -> c.replace(",", "")).toList()).toList());
        }
        assertThat(shown).as(o.dir() + " largest breaks").isEqualTo(expected);
    }

    /** The trend's points are this and every earlier night, each one's figures from its own recon_summary.csv. */
    private void trendIsEachEarlierNightsSummary(LocalDate night, ReportPage page) {
        List<String> expectedArrears = new ArrayList<>();
        List<String> expectedUsd = new ArrayList<>();
        for (LocalDate d = D1; !d.isAfter(night); d = d.plusDays(1)) {
            Outputs o = new Outputs(out, d);
            long inArrears = o.rows("recon_summary.csv").stream()
                    .filter(r -> r.get("metric").equals("accounts") && !r.get("key").equals("CURRENT"))
                    .mapToLong(r -> Long.parseLong(r.get("value"))).sum();
            expectedArrears.add(d + "=" + inArrears);
            expectedUsd.add(d + "=" + o.summary("owed", "USD"));
        }
        assertThat(page.all("//div[@data-trend-accounts]//*[@data-date]"))
                .extracting(g -> g.getAttribute("data-date") + "=" + g.getAttribute("data-value"))
                .containsExactlyElementsOf(expectedArrears);
        assertThat(page.all("//div[@data-trend-currency='USD']//*[@data-date]"))
                .extracting(g -> g.getAttribute("data-date") + "=" + g.getAttribute("data-value"))
                .containsExactlyElementsOf(expectedUsd);
    }

    // ---- helpers ----

    private static BigDecimal magnitude(Map<String, String> b) {
        for (String column : List.of("difference", "actual", "expected")) {
            if (!b.get(column).isEmpty()) {
                return new BigDecimal(b.get(column));
            }
        }
        return null;
    }

    static String bucket(int daysPastDue) {
        int[] upTo = {2, 6, 14, 29, 59, 89};
        for (int i = 0; i < upTo.length; i++) {
            if (daysPastDue <= upTo[i]) {
                return BUCKETS.get(i);
            }
        }
        return "90+";
    }

    /**
     * Three nights: debts of every age in three currencies, twelve CNY accounts the platform leaves
     * out of its balances (more than the ten the page lists), suspense released on the second
     * night, an orphan chargeback and a cure.
     */
    private void writeThreeNights() throws IOException {
        List<String> accounts = new ArrayList<>(List.of("A1,S1,USD,2025-01-01,N", "A2,S2,USD,2025-01-01,N",
                "A3,S3,USD,2025-01-01,N", "J1,S4,JPY,2025-01-01,N", "E1,S5,EUR,2025-01-01,N",
                "E2,S6,EUR,2025-01-01,N"));
        List<String> spend = new ArrayList<>(List.of("S1,A1,K1,2026-10-01,40,100.00,USD",
                "S2,A2,K1,2026-11-20,4,20.00,USD", "S3,J1,K1,2026-11-26,9,5000,JPY", "S4,GHOST,K1,2026-11-26,1,7.00,USD",
                "S5,E2,K1,2026-08-01,1,1234.56,EUR", "S6,E2,K1,2026-11-14,1,0.44,EUR"));
        for (int i = 1; i <= 12; i++) {
            String id = String.format("M%02d", i);
            accounts.add(id + ",S" + id + ",CNY,2025-01-01,N");
            spend.add("SM" + i + "," + id + ",K1,2026-11-" + (10 + i) + ",1," + i + "1.50,CNY");
        }
        new NightFiles(in, D1).accounts(accounts.toArray(String[]::new)).spend(spend.toArray(String[]::new))
                .payments("P1,E1,PAYMENT,10.00,EUR,CARD,2026-11-26,", "P2,A3,PAYMENT,1.00,USD,CARD,2026-11-26,")
                .balances("A1,-100.00,USD", "A2,-19.00,USD", "J1,-4000,JPY", "E2,-1234.00,EUR", "GHOST,0.00,USD");
        new NightFiles(in, D2).accounts("GHOST,S9,USD,2026-11-27,N")
                .spend("S7,A3,K1,2026-11-27,1,0.50,USD")
                .payments("P3,J1,PAYMENT,5000,JPY,BANK_TRANSFER,2026-11-27,", "P4,A1,CHARGEBACK,3.00,USD,CARD,2026-11-27,P404");
        new NightFiles(in, D3).accounts().spend()
                .payments("P5,A2,PAYMENT,5.00,USD,CARD,2026-11-28,");
    }
}
