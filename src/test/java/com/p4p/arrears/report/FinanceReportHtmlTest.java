package com.p4p.arrears.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import com.p4p.arrears.report.FinanceReport.Ageing;
import com.p4p.arrears.report.FinanceReport.BreakGroup;
import com.p4p.arrears.report.FinanceReport.BreakItem;
import com.p4p.arrears.report.FinanceReport.Bucket;
import com.p4p.arrears.report.FinanceReport.CurrencyLedger;
import com.p4p.arrears.report.FinanceReport.FileControl;
import com.p4p.arrears.report.FinanceReport.StageLine;
import com.p4p.arrears.report.FinanceReport.SuspenseLine;
import com.p4p.arrears.report.FinanceReport.TrendPoint;
import com.p4p.arrears.report.html.HtmlText;
import com.p4p.arrears.support.ReportPage;

/** The page itself, from hand-made reports: checks that fail show as failing, text is escaped, nothing is fetched. */
class FinanceReportHtmlTest {

    static final LocalDate D = LocalDate.of(2026, 11, 27);
    static final String HOSTILE = "<script>alert('x')</script> & \"quoted\"";

    static FileControl file(String source, long trailer, long rows, long posted, long rejected) {
        Map<String, String> counts = new LinkedHashMap<>();
        counts.put("rows", Long.toString(rows));
        for (String d : FileControl.DISPOSITIONS) {
            counts.put(d, "0");
        }
        counts.put("posted", Long.toString(posted));
        counts.put("rejected", Long.toString(rejected));
        return new FileControl(source, source + "_20261127.csv", trailer, counts, source.equals("accounts") ? null : "1234567.50");
    }

    static FinanceReport report(List<FileControl> files, List<CurrencyLedger> ledger, String stage, String reference) {
        return new FinanceReport(D, List.of("USD"), files, ledger,
                List.of(new BreakGroup("ORPHAN_CHARGEBACK", 12, List.of(new BreakItem("payments", reference, "A1", "",
                        "-1000.00", "", "USD")))),
                Map.of("spend", "0", "payments", "0"),
                List.of(new StageLine("CURRENT", 3, Map.of("USD", "0.00")), new StageLine(stage, 1, Map.of("USD", "1000.00"))),
                List.of(new Ageing("USD", List.of(new Bucket("0-2", 1, "1000.00"), new Bucket("3-6", 0, "0.00")))),
                List.of(new SuspenseLine("USD", "spend", 2, "3.50", 4)),
                List.of(new TrendPoint(D.minusDays(1), 0, Map.of("USD", "0.00")), new TrendPoint(D, 1, Map.of("USD", "1000.00"))));
    }

    static CurrencyLedger usd(String opening, String debits, String credits, String closing) {
        return new CurrencyLedger("USD", opening, debits, credits, closing, "1000.00");
    }

    @Test
    void aNightWhoseChecksHoldSaysSoAndMarksEveryCheckPass() {
        ReportPage page = new ReportPage(new FinanceReportHtml().render(report(
                List.of(file("accounts", 4, 4, 3, 1), file("spend", 2, 2, 2, 0)),
                List.of(usd("0.00", "1000.00", "0.00", "-1000.00")), "GRACE", "P1")));

        assertThat(page.one("//p[@id='verdict']").getAttribute("class")).isEqualTo("banner ok");
        assertThat(page.all("//span[@class='pass']")).hasSize(5);
        assertThat(page.all("//span[@class='fail']")).isEmpty();
        assertThat(ReportPage.figure(page.one("//td[@data-metric='control_total'][@data-key='spend']"))).isEqualTo("1234567.50");
        assertThat(page.one("//td[@data-metric='control_total'][@data-key='spend']").getTextContent()).isEqualTo("1,234,567.50");
    }

    @Test
    void everyCheckThatFailsIsShownFailingAndTheVerdictSaysDoNotSignOff() {
        ReportPage page = new ReportPage(new FinanceReportHtml().render(report(
                List.of(file("accounts", 5, 4, 3, 1),   // the trailer vouched for a row that was not read
                        file("spend", 2, 2, 1, 0)),     // a row without a disposition
                List.of(usd("0.00", "1000.00", "0.00", "-999.99")), "GRACE", "P1")));

        assertThat(page.one("//p[@id='verdict']").getAttribute("class")).isEqualTo("banner bad");
        assertThat(page.one("//p[@id='verdict']").getTextContent()).startsWith("3 checks fail");
        assertThat(page.all("//span[@class='fail']")).extracting(e -> e.getAttribute("title"))
                .containsExactly("5 vs 4", "2 vs 1", "");
        assertThat(page.all("//span[@class='pass']")).hasSize(2);
    }

    @Test
    void everyTextIsEscaped() {
        String html = new FinanceReportHtml().render(report(List.of(file("spend", 1, 1, 1, 0)),
                List.of(usd("0.00", "1000.00", "0.00", "-1000.00")), HOSTILE, HOSTILE));
        ReportPage page = new ReportPage(html); // well-formed despite the hostile names

        assertThat(html).doesNotContain("<script").doesNotContain(HOSTILE);
        assertThat(page.all("//td")).extracting(e -> e.getTextContent()).contains(HOSTILE); // stage and reference
        assertThat(page.all("//td[@data-metric='accounts']")).filteredOn(e -> e.getAttribute("data-key").equals(HOSTILE))
                .singleElement().extracting(e -> e.getTextContent()).isEqualTo("1");
    }

    @Test
    void thePageIsSelfContained() {
        String html = new FinanceReportHtml().render(report(List.of(file("spend", 1, 1, 1, 0)),
                List.of(usd("0.00", "1000.00", "0.00", "-1000.00")), "GRACE", "P1"));

        assertThat(html).contains("<style>").contains("<svg ")
                .doesNotContain("<script", "<link", "<img", "<iframe", "src=", "href=", "url(", "@import", "http:", "https:");
    }

    @Test
    void amountsGetThousandsSeparatorsAndNothingElseChanges() {
        assertThat(HtmlText.grouped("0")).isEqualTo("0");
        assertThat(HtmlText.grouped("999.99")).isEqualTo("999.99");
        assertThat(HtmlText.grouped("1000")).isEqualTo("1,000");
        assertThat(HtmlText.grouped("-1234567.5000")).isEqualTo("-1,234,567.5000");
        assertThat(HtmlText.grouped("-100.00")).isEqualTo("-100.00");
        assertThat(HtmlText.grouped("379043.005")).isEqualTo("379,043.005");
        assertThat(HtmlText.grouped("")).isEmpty();
    }

    @Test
    void aNightWithoutArrearsSaysSoInsteadOfDrawingEmptyCharts() {
        FinanceReport quiet = new FinanceReport(D, List.of("USD"), List.of(file("spend", 0, 0, 0, 0)),
                List.of(new CurrencyLedger("USD", "0.00", "0.00", "0.00", "0.00", "0.00")), List.of(), Map.of(),
                List.of(new StageLine("CURRENT", 0, Map.of())), List.of(), List.of(),
                List.of(new TrendPoint(D, 0, Map.of("USD", "0.00"))));
        ReportPage page = new ReportPage(new FinanceReportHtml().render(quiet));

        assertThat(page.one("//section[@id='ageing']").getTextContent()).contains("No account owes anything.");
        assertThat(page.one("//div[@id='suspense']").getTextContent()).contains("nothing is waiting");
        assertThat(page.all("//div[@data-trend-currency]")).isEmpty();
        assertThat(page.one("//section[@id='trend']/h2").getTextContent()).startsWith("Trend over the last 1 business date ");
    }
}
