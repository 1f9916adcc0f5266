package com.p4p.arrears.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** SPEC 2: a file's header and trailer are checked before anything of its date is posted. */
class FileVerifierTest {

    private static final String SPEND = Rows.SPEND_HEADER + "\n";

    @TempDir
    Path dir;

    private Path file(String name, String text) throws IOException {
        Path f = dir.resolve(name);
        Files.writeString(f, text, StandardCharsets.UTF_8);
        return f;
    }

    private Path spend(String text) throws IOException {
        return file("spend_20240315.csv", text);
    }

    @Test
    void goodFilePassesWithItsRowCountAndControlTotal() throws IOException {
        Path f = spend(SPEND
                + "C1,A1,K1,2024-03-15,10,12.50,USD\n"
                + "C2,A1,K1,2024-03-14,3,0.75,USD\n"
                + "C3,A2,K9,2024-03-15,0,23,USD\n"
                + "TRAILER,3,36.25\n");

        VerifiedFile v = FileVerifier.verify(Source.SPEND, f);

        assertThat(v.source()).isEqualTo(Source.SPEND);
        assertThat(v.path()).isEqualTo(f);
        assertThat(v.dataRows()).isEqualTo(3);
        assertThat(v.controlTotal()).isEqualByComparingTo("36.25");
    }

    @Test
    void bomCrlfAndBlankLinesAreAccepted() throws IOException {
        Path f = dir.resolve("spend_20240315.csv");
        byte[] body = (SPEND.replace("\n", "\r\n")
                + "\r\n"
                + "C1,A1,K1,2024-03-15,10,12.50,USD\r\n"
                + "   \r\n"
                + "C2,A1,K1,2024-03-14,3,0.75,USD\r\n"
                + "TRAILER,2,13.25\r\n"
                + "\r\n \r\n").getBytes(StandardCharsets.UTF_8);
        byte[] bytes = new byte[body.length + 3];
        bytes[0] = (byte) 0xEF;
        bytes[1] = (byte) 0xBB;
        bytes[2] = (byte) 0xBF;
        System.arraycopy(body, 0, bytes, 3, body.length);
        Files.write(f, bytes);

        VerifiedFile v = FileVerifier.verify(Source.SPEND, f);

        assertThat(v.dataRows()).isEqualTo(2);
        assertThat(v.controlTotal()).isEqualByComparingTo("13.25");
    }

    @Test
    void missingFileIsRefusedNamingIt() {
        Path f = dir.resolve("payments_20240315.csv");

        assertThatThrownBy(() -> FileVerifier.verify(Source.PAYMENTS, f))
                .isInstanceOf(RefusedFileException.class)
                .hasMessageContaining("payments_20240315.csv")
                .hasMessageContaining("missing");
    }

    @Test
    void emptyFileIsRefused() throws IOException {
        Path f = spend("");

        assertThatThrownBy(() -> FileVerifier.verify(Source.SPEND, f))
                .isInstanceOf(RefusedFileException.class)
                .hasMessageContaining("spend_20240315.csv");
    }

    @Test
    void headerLackingARequiredColumnIsRefusedNamingTheColumn() throws IOException {
        Path f = spend("charge_id,account_id,charge_date,clicks,amount,currency\nTRAILER,0,0\n");

        assertThatThrownBy(() -> FileVerifier.verify(Source.SPEND, f))
                .isInstanceOf(RefusedFileException.class)
                .hasMessageContaining("spend_20240315.csv")
                .hasMessageContaining("campaign_id");
    }

    @Test
    void headerColumnNamesAreCaseSensitiveAndNotTrimmed() throws IOException {
        Path upper = spend(SPEND.replace("amount", "Amount") + "TRAILER,0,0\n");
        assertThatThrownBy(() -> FileVerifier.verify(Source.SPEND, upper))
                .isInstanceOf(RefusedFileException.class).hasMessageContaining("amount");

        Path spaced = spend(SPEND.replace("amount", " amount") + "TRAILER,0,0\n");
        assertThatThrownBy(() -> FileVerifier.verify(Source.SPEND, spaced))
                .isInstanceOf(RefusedFileException.class).hasMessageContaining("amount");
    }

    @Test
    void headerRepeatingAColumnIsRefused() throws IOException {
        Path f = spend(Rows.SPEND_HEADER + ",amount\nTRAILER,0,0\n");

        assertThatThrownBy(() -> FileVerifier.verify(Source.SPEND, f))
                .isInstanceOf(RefusedFileException.class)
                .hasMessageContaining("spend_20240315.csv")
                .hasMessageContaining("repeats")
                .hasMessageContaining("amount");
    }

    @Test
    void fileWithoutTrailerIsRefused() throws IOException {
        Path f = spend(SPEND + "C1,A1,K1,2024-03-15,10,12.50,USD\n");

        assertThatThrownBy(() -> FileVerifier.verify(Source.SPEND, f))
                .isInstanceOf(RefusedFileException.class)
                .hasMessageContaining("spend_20240315.csv")
                .hasMessageContaining("trailer");
    }

    @Test
    void headerOnlyFileHasNoTrailer() throws IOException {
        Path f = spend(SPEND);

        assertThatThrownBy(() -> FileVerifier.verify(Source.SPEND, f))
                .isInstanceOf(RefusedFileException.class)
                .hasMessageContaining("trailer");
    }

    @Test
    void trailerMustBeTheLastNonBlankRow() throws IOException {
        Path f = spend(SPEND + "TRAILER,1,12.50\nC1,A1,K1,2024-03-15,10,12.50,USD\n");

        assertThatThrownBy(() -> FileVerifier.verify(Source.SPEND, f))
                .isInstanceOf(RefusedFileException.class)
                .hasMessageContaining("trailer");
    }

    @Test
    void trailerFirstFieldIsExactlyTrailer() throws IOException {
        Path lower = spend(SPEND + "trailer,0,0\n");
        assertThatThrownBy(() -> FileVerifier.verify(Source.SPEND, lower))
                .isInstanceOf(RefusedFileException.class).hasMessageContaining("trailer");

        Path spaced = spend(SPEND + "TRAILER ,0,0\n");
        assertThatThrownBy(() -> FileVerifier.verify(Source.SPEND, spaced))
                .isInstanceOf(RefusedFileException.class).hasMessageContaining("trailer");
    }

    @Test
    void wrongRecordCountIsRefusedWithBothCounts() throws IOException {
        Path f = spend(SPEND
                + "C1,A1,K1,2024-03-15,10,12.50,USD\n"
                + "C2,A1,K1,2024-03-15,10,12.50,USD\n"
                + "TRAILER,3,25.00\n");

        assertThatThrownBy(() -> FileVerifier.verify(Source.SPEND, f))
                .isInstanceOf(RefusedFileException.class)
                .hasMessageContaining("spend_20240315.csv")
                .hasMessageContaining("3 records")
                .hasMessageContaining("2 data rows");
    }

    @Test
    void wrongControlTotalIsRefusedWithTheDifference() throws IOException {
        Path f = spend(SPEND
                + "C1,A1,K1,2024-03-15,10,12.50,USD\n"
                + "C2,A1,K1,2024-03-15,10,0.25,USD\n"
                + "TRAILER,2,10.00\n");

        assertThatThrownBy(() -> FileVerifier.verify(Source.SPEND, f))
                .isInstanceOf(RefusedFileException.class)
                .hasMessageContaining("spend_20240315.csv")
                .hasMessageContaining("10.00")
                .hasMessageContaining("12.75")
                .hasMessageContaining("difference 2.75");
    }

    @Test
    void controlTotalIsComparedAsANumber() throws IOException {
        Path f = spend(SPEND + "C1,A1,K1,2024-03-15,10,10.5,USD\nTRAILER,1,10.50\n");
        assertThat(FileVerifier.verify(Source.SPEND, f).controlTotal()).isEqualByComparingTo("10.5");

        Path g = spend(SPEND + "C1,A1,K1,2024-03-15,10,10.50,USD\nTRAILER,1,10.5\n");
        assertThat(FileVerifier.verify(Source.SPEND, g).controlTotal()).isEqualByComparingTo("10.50");

        Path h = spend(SPEND + "C1,A1,K1,2024-03-15,10,10,USD\nTRAILER,1,+10.000\n");
        assertThat(FileVerifier.verify(Source.SPEND, h).dataRows()).isEqualTo(1);
    }

    @Test
    void controlTotalThatIsNotADecimalIsRefused() throws IOException {
        Path f = spend(SPEND + "C1,A1,K1,2024-03-15,10,10,USD\nTRAILER,1,1e1\n");

        assertThatThrownBy(() -> FileVerifier.verify(Source.SPEND, f))
                .isInstanceOf(RefusedFileException.class).hasMessageContaining("1e1");
    }

    @Test
    void recordCountThatIsNotAWholeNumberIsRefused() throws IOException {
        Path f = spend(SPEND + "C1,A1,K1,2024-03-15,10,10,USD\nTRAILER,1.0,10\n");

        assertThatThrownBy(() -> FileVerifier.verify(Source.SPEND, f))
                .isInstanceOf(RefusedFileException.class).hasMessageContaining("1.0");
    }

    @Test
    void badRowsCountAsRowsButOnlyWellFormedDecimalAmountsAreTotalled() throws IOException {
        Path f = spend(SPEND
                + "C1,A1,K1,2024-03-15,10,5.00,USD\n"             // counted
                + "C2,A1,K1,2024-03-15,10,100.00,USD,extra\n"     // too many fields
                + "C3,A1,K1,2024-03-15,100.00,USD\n"              // too few fields
                + "C4,A1,K1,2024-03-15,10,abc,USD\n"              // not a decimal
                + "C5,A1,K1,2024-03-15,10,1e3,USD\n"              // exponent
                + "C6,A1,K1,2024-03-15,10,.5,USD\n"               // no leading digit
                + "C7,A1,K1,2024-03-15,10,\"1,000\",USD\n"        // grouping comma
                + "C8,A1,\"K1\"x,2024-03-15,10,7.00,USD\n"        // not RFC 4180
                + "C9,A1,K1,2024-03-15,10,\"2.25\",USD\n"         // quoted decimal: counted
                + "C10,A1,K1,2024-03-15,10,12.500,USD\n"          // too many decimals, still a decimal
                + "C11,A1,K1,2024-03-15,10,-1,USD\n"              // negative, still a decimal
                + "C12,A1,K1,2099-01-01,10,0.25,usd\n"            // invalid row, decimal amount
                + "C13,A1,K1,2024-03-15,10, 3.00,USD\n"           // not trimmed: not a decimal
                + "TRAILER,13,19.00\n");

        VerifiedFile v = FileVerifier.verify(Source.SPEND, f);

        assertThat(v.dataRows()).isEqualTo(13);
        assertThat(v.controlTotal()).isEqualByComparingTo("19.00");
    }

    @Test
    void multiLineQuotedRowIsOneDataRowAndIsTotalled() throws IOException {
        Path f = spend(SPEND
                + "C1,A1,\"K\n1\",2024-03-15,10,5.00,USD\n"
                + "C2,A1,K1,2024-03-15,10,1.50,USD\n"
                + "TRAILER,2,6.50\n");

        VerifiedFile v = FileVerifier.verify(Source.SPEND, f);

        assertThat(v.dataRows()).isEqualTo(2);
        assertThat(v.controlTotal()).isEqualByComparingTo("6.50");
    }

    @Test
    void unterminatedQuoteIsOneDataRowAndTheTrailerIsStillFound() throws IOException {
        Path f = spend(SPEND
                + "C1,A1,\"K1,2024-03-15,10,5.00,USD\n"
                + "C2,A1,K1,2024-03-15,10,1.50,USD\n"
                + "TRAILER,2,1.50\n");

        VerifiedFile v = FileVerifier.verify(Source.SPEND, f);

        assertThat(v.dataRows()).isEqualTo(2);
        assertThat(v.controlTotal()).isEqualByComparingTo("1.50");
    }

    @Test
    void headerAndTrailerOnlyIsADayWithoutActivity() throws IOException {
        VerifiedFile v = FileVerifier.verify(Source.SPEND, spend(SPEND + "TRAILER,0,0\n"));
        assertThat(v.dataRows()).isZero();
        assertThat(v.controlTotal()).isEqualByComparingTo("0");

        VerifiedFile p = FileVerifier.verify(Source.PAYMENTS,
                file("payments_20240315.csv", Rows.PAYMENTS_HEADER + "\nTRAILER,0,0.00\n"));
        assertThat(p.dataRows()).isZero();
    }

    @Test
    void accountsTrailerHasTwoFieldsAndNoTotal() throws IOException {
        Path f = file("accounts_20240315.csv", Rows.ACCOUNTS_HEADER + "\n"
                + "A1,S1,USD,2020-01-01,N\n"
                + "A2,S2,EUR,2020-01-01,\n"
                + "TRAILER,2\n");

        VerifiedFile v = FileVerifier.verify(Source.ACCOUNTS, f);

        assertThat(v.dataRows()).isEqualTo(2);
        assertThat(v.controlTotal()).isNull();
    }

    @Test
    void accountsTrailerWithATotalIsRefused() throws IOException {
        Path f = file("accounts_20240315.csv", Rows.ACCOUNTS_HEADER + "\nA1,S1,USD,2020-01-01,N\nTRAILER,1,0\n");

        assertThatThrownBy(() -> FileVerifier.verify(Source.ACCOUNTS, f))
                .isInstanceOf(RefusedFileException.class)
                .hasMessageContaining("accounts_20240315.csv");
    }

    @Test
    void amountFileTrailerWithoutATotalIsRefused() throws IOException {
        Path f = spend(SPEND + "C1,A1,K1,2024-03-15,10,5.00,USD\nTRAILER,1\n");

        assertThatThrownBy(() -> FileVerifier.verify(Source.SPEND, f))
                .isInstanceOf(RefusedFileException.class)
                .hasMessageContaining("spend_20240315.csv");
    }

    @Test
    void accountsWrongCountIsRefused() throws IOException {
        Path f = file("accounts_20240315.csv", Rows.ACCOUNTS_HEADER + "\nA1,S1,USD,2020-01-01,N\nTRAILER,0\n");

        assertThatThrownBy(() -> FileVerifier.verify(Source.ACCOUNTS, f))
                .isInstanceOf(RefusedFileException.class)
                .hasMessageContaining("accounts_20240315.csv")
                .hasMessageContaining("0 records")
                .hasMessageContaining("1 data rows");
    }

    @Test
    void columnsInAnyOrderWithExtrasTotalTheAmountColumn() throws IOException {
        Path f = spend("note,amount,currency,clicks,charge_date,campaign_id,account_id,charge_id\n"
                + "\"free, text\",4.40,USD,99,2024-03-15,K1,A1,C1\n"
                + "n,0.60,USD,1,2024-03-15,K1,A1,C2\n"
                + "TRAILER,2,5.00\n");

        VerifiedFile v = FileVerifier.verify(Source.SPEND, f);

        assertThat(v.controlTotal()).isEqualByComparingTo("5.00");
    }

    @Test
    void balancesTotalIsSignedSumOfTheBalanceColumn() throws IOException {
        Path f = file("balances_20240315.csv", "currency,account_id,balance\n"
                + "USD,A1,-250.75\n"
                + "USD,A2,100.00\n"
                + "JPY,A3,0\n"
                + "TRAILER,3,-150.75\n");

        VerifiedFile v = FileVerifier.verify(Source.BALANCES, f);

        assertThat(v.dataRows()).isEqualTo(3);
        assertThat(v.controlTotal()).isEqualByComparingTo(new BigDecimal("-150.75"));
    }
}
