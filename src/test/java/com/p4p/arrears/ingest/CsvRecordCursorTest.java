package com.p4p.arrears.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** SPEC 2 common format: RFC 4180 records, physical line numbers, blank lines, BOM, CRLF. */
class CsvRecordCursorTest {

    @TempDir
    Path dir;

    private static List<CsvRecord> all(String text) throws IOException {
        try (CsvRecordCursor c = CsvRecordCursor.of(new StringReader(text))) {
            return drain(c);
        }
    }

    private static List<CsvRecord> drain(CsvRecordCursor c) throws IOException {
        List<CsvRecord> out = new ArrayList<>();
        for (CsvRecord r = c.next(); r != null; r = c.next()) {
            out.add(r);
        }
        return out;
    }

    private List<CsvRecord> allFromFile(byte[] bytes) throws IOException {
        Path f = dir.resolve("in.csv");
        Files.write(f, bytes);
        try (CsvRecordCursor c = CsvRecordCursor.open(f)) {
            return drain(c);
        }
    }

    private static List<Long> lineNumbers(List<CsvRecord> records) {
        return records.stream().map(CsvRecord::lineNumber).toList();
    }

    @Test
    void plainRecordsAreSplitWithTheirLineNumbersAndRawText() throws IOException {
        List<CsvRecord> r = all("h1,h2,h3\na,b,c\nd,,f\nTRAILER,2\n");

        assertThat(lineNumbers(r)).containsExactly(1L, 2L, 3L, 4L);
        assertThat(r.get(1).fields()).containsExactly("a", "b", "c");
        assertThat(r.get(1).raw()).isEqualTo("a,b,c");
        assertThat(r.get(2).fields()).containsExactly("d", "", "f");
        assertThat(r.get(3).fields()).containsExactly("TRAILER", "2");
        assertThat(r).noneMatch(CsvRecord::malformed);
    }

    @Test
    void lastLineWithoutLineEndIsRead() throws IOException {
        List<CsvRecord> r = all("h1,h2\na,b\nTRAILER,1");

        assertThat(lineNumbers(r)).containsExactly(1L, 2L, 3L);
        assertThat(r.get(2).fields()).containsExactly("TRAILER", "1");
    }

    @Test
    void bomBeforeTheHeaderIsDropped() throws IOException {
        byte[] bom = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};
        byte[] body = "account_id,store_id\nA1,S1\nTRAILER,1\n".getBytes(StandardCharsets.UTF_8);
        byte[] bytes = new byte[bom.length + body.length];
        System.arraycopy(bom, 0, bytes, 0, bom.length);
        System.arraycopy(body, 0, bytes, bom.length, body.length);

        List<CsvRecord> r = allFromFile(bytes);

        assertThat(r.get(0).fields()).containsExactly("account_id", "store_id");
        assertThat(r.get(0).raw()).isEqualTo("account_id,store_id");
        assertThat(lineNumbers(r)).containsExactly(1L, 2L, 3L);
    }

    @Test
    void bomIsNotDroppedInsideTheFile() throws IOException {
        List<CsvRecord> r = allFromFile("h1\n\uFEFFx\nTRAILER,1\n".getBytes(StandardCharsets.UTF_8));

        assertThat(r.get(1).fields()).containsExactly("\uFEFFx");
    }

    @Test
    void crlfLineEndsAreNotPartOfTheValues() throws IOException {
        List<CsvRecord> r = allFromFile("h1,h2\r\na,b\r\n\r\nc,\"d\"\r\nTRAILER,2\r\n".getBytes(StandardCharsets.UTF_8));

        assertThat(lineNumbers(r)).containsExactly(1L, 2L, 4L, 5L);
        assertThat(r.get(0).fields()).containsExactly("h1", "h2");
        assertThat(r.get(1).fields()).containsExactly("a", "b");
        assertThat(r.get(1).raw()).isEqualTo("a,b");
        assertThat(r.get(2).fields()).containsExactly("c", "d");
        assertThat(r.get(3).fields()).containsExactly("TRAILER", "2");
    }

    @Test
    void mixedLfAndCrlfCountTheSame() throws IOException {
        List<CsvRecord> r = all("h\r\na\nb\r\n\nc\n");

        assertThat(lineNumbers(r)).containsExactly(1L, 2L, 3L, 5L);
        assertThat(r.get(2).fields()).containsExactly("b");
    }

    @Test
    void loneCarriageReturnDoesNotEndALine() throws IOException {
        List<CsvRecord> r = all("h1,h2\na\rb,c\nd,e\n");

        assertThat(lineNumbers(r)).containsExactly(1L, 2L, 3L);
        assertThat(r.get(2).fields()).containsExactly("d", "e");
    }

    @Test
    void blankAndWhitespaceOnlyLinesAreSkippedButCounted() throws IOException {
        List<CsvRecord> r = all("h1,h2\n\na,b\n   \n\t\nc,d\n \t \r\n\nTRAILER,2\n\n  \n");

        assertThat(lineNumbers(r)).containsExactly(1L, 3L, 6L, 9L);
        assertThat(r.get(1).fields()).containsExactly("a", "b");
        assertThat(r.get(2).fields()).containsExactly("c", "d");
        assertThat(r.get(3).fields()).containsExactly("TRAILER", "2");
    }

    @Test
    void blankLinesBeforeTheHeaderAreCounted() throws IOException {
        List<CsvRecord> r = all("\n \nh1\nx\n");

        assertThat(lineNumbers(r)).containsExactly(3L, 4L);
    }

    @Test
    void quotedFieldMayHoldACommaAndEscapedQuotes() throws IOException {
        List<CsvRecord> r = all("h1,h2,h3\na,\"b,c\",d\ne,\"say \"\"hi\"\"\",f\n\"\",\"\"\"\",g\n");

        assertThat(r.get(1).fields()).containsExactly("a", "b,c", "d");
        assertThat(r.get(1).raw()).isEqualTo("a,\"b,c\",d");
        assertThat(r.get(2).fields()).containsExactly("e", "say \"hi\"", "f");
        assertThat(r.get(3).fields()).containsExactly("", "\"", "g");
        assertThat(lineNumbers(r)).containsExactly(1L, 2L, 3L, 4L);
        assertThat(r).noneMatch(CsvRecord::malformed);
    }

    @Test
    void quotedFieldSpanningTwoLinesIsOneRecordNumberedByItsFirstLine() throws IOException {
        List<CsvRecord> r = all("h1,h2,h3\na,\"first\nsecond\",b\nc,d,e\nTRAILER,2\n");

        assertThat(r).hasSize(4);
        assertThat(r.get(1).lineNumber()).isEqualTo(2);
        assertThat(r.get(1).fields()).containsExactly("a", "first\nsecond", "b");
        assertThat(r.get(1).raw()).isEqualTo("a,\"first\nsecond\",b");
        assertThat(r.get(2).lineNumber()).isEqualTo(4);
        assertThat(r.get(2).fields()).containsExactly("c", "d", "e");
        assertThat(r.get(3).lineNumber()).isEqualTo(5);
    }

    @Test
    void emptyFieldsBeforeAValueSpanningLinesAreKept() throws IOException {
        List<CsvRecord> r = all("h1,h2,h3\n,\"x\ny\",z\n,,\"p\nq\"\n,\"\"\"u\nv\",w\n");

        assertThat(r.get(1).fields()).containsExactly("", "x\ny", "z");
        assertThat(r.get(2).fields()).containsExactly("", "", "p\nq");
        assertThat(r.get(3).fields()).containsExactly("", "\"u\nv", "w");
        assertThat(lineNumbers(r)).containsExactly(1L, 2L, 4L, 6L);
    }

    @Test
    void valueSpanningThreeLinesKeepsEveryField() throws IOException {
        List<CsvRecord> r = all("h1,h2,h3,h4\na,b,\"1\n2,\n3\",c\nd,e,f,g\n");

        assertThat(r.get(1).fields()).containsExactly("a", "b", "1\n2,\n3", "c");
        assertThat(r.get(2).lineNumber()).isEqualTo(5);
    }

    @Test
    void quotedFieldSpanningLinesWithCrlfAndABlankLineInside() throws IOException {
        List<CsvRecord> r = all("h1,h2\r\na,\"x\r\n\r\ny\"\r\n\r\nb,c\r\n");

        assertThat(r).hasSize(3);
        assertThat(r.get(1).lineNumber()).isEqualTo(2);
        assertThat(r.get(1).fields()).hasSize(2);
        assertThat(r.get(1).fields()[0]).isEqualTo("a");
        assertThat(r.get(1).fields()[1]).startsWith("x").endsWith("y").doesNotContain("\r");
        assertThat(r.get(2).lineNumber()).isEqualTo(6);
        assertThat(r.get(2).fields()).containsExactly("b", "c");
    }

    @Test
    void quoteInsideAQuotedFieldFollowedByTextIsOneMalformedLine() throws IOException {
        List<CsvRecord> r = all("h1,h2,h3\nok,1,2\na,\"b\"c,d\ne,\"f\",g\nTRAILER,3\n");

        assertThat(lineNumbers(r)).containsExactly(1L, 2L, 3L, 4L, 5L);
        assertThat(r.get(2).malformed()).isTrue();
        assertThat(r.get(2).fieldCount()).isEqualTo(-1);
        assertThat(r.get(2).raw()).isEqualTo("a,\"b\"c,d");
        assertThat(r.get(3).malformed()).isFalse();
        assertThat(r.get(3).fields()).containsExactly("e", "f", "g");
        assertThat(r.get(4).fields()).containsExactly("TRAILER", "3");
    }

    @Test
    void quoteInsideAnUnquotedFieldIsOneMalformedLine() throws IOException {
        List<CsvRecord> r = all("h1,h2,h3\na,b\"c,d\ne,f,g\nh,\"i\",j\nTRAILER,3\n");

        assertThat(lineNumbers(r)).containsExactly(1L, 2L, 3L, 4L, 5L);
        assertThat(r.get(1).malformed()).isTrue();
        assertThat(r.get(1).raw()).isEqualTo("a,b\"c,d");
        assertThat(r.get(2).fields()).containsExactly("e", "f", "g");
        assertThat(r.get(3).fields()).containsExactly("h", "i", "j");
        assertThat(r.get(4).fields()).containsExactly("TRAILER", "3");
    }

    @Test
    void unterminatedQuoteInTheMiddleCostsOnlyItsLine() throws IOException {
        List<CsvRecord> r = all("h1,h2,h3\nok,1,2\na,\"bc,d\n\ne,f,g\nTRAILER,3\n");

        assertThat(lineNumbers(r)).containsExactly(1L, 2L, 3L, 5L, 6L);
        assertThat(r.get(2).malformed()).isTrue();
        assertThat(r.get(2).raw()).isEqualTo("a,\"bc,d");
        assertThat(r.get(3).fields()).containsExactly("e", "f", "g");
        assertThat(r.get(4).fields()).containsExactly("TRAILER", "3");
    }

    @Test
    void unterminatedQuoteFollowedByQuotedRowsCostsOnlyItsLine() throws IOException {
        List<CsvRecord> r = all("h1,h2,h3\na,\"bc,d\ne,\"f,g\",h\ni,j,k\n\"l\",\"m\nn\",o\nTRAILER,4\n");

        assertThat(lineNumbers(r)).containsExactly(1L, 2L, 3L, 4L, 5L, 7L);
        assertThat(r.get(1).malformed()).isTrue();
        assertThat(r.get(1).raw()).isEqualTo("a,\"bc,d");
        assertThat(r.get(2).fields()).containsExactly("e", "f,g", "h");
        assertThat(r.get(3).fields()).containsExactly("i", "j", "k");
        assertThat(r.get(4).fields()).containsExactly("l", "m\nn", "o");
        assertThat(r.get(5).fields()).containsExactly("TRAILER", "4");
    }

    @Test
    void unterminatedQuoteOnTheLastDataRowLeavesTheTrailerReadable() throws IOException {
        List<CsvRecord> r = all("h1,h2\na,\"b\nTRAILER,1\n");

        assertThat(lineNumbers(r)).containsExactly(1L, 2L, 3L);
        assertThat(r.get(1).malformed()).isTrue();
        assertThat(r.get(2).fields()).containsExactly("TRAILER", "1");
    }

    @Test
    void spaceBeforeAnOpeningQuoteIsMalformed() throws IOException {
        List<CsvRecord> r = all("h1,h2\na, \"b\"\nc,d\n");

        assertThat(r.get(1).malformed()).isTrue();
        assertThat(r.get(2).lineNumber()).isEqualTo(3);
    }

    @Test
    void severalMalformedLinesInARowEachCostOneLine() throws IOException {
        List<CsvRecord> r = all("h1,h2\na,\"b\nc\"d,e\nf,g\"\nx,y\n");

        // line 2 opens a quote that line 3 or 4 could close, but the joined text is not RFC 4180 either way
        assertThat(lineNumbers(r)).containsExactly(1L, 2L, 3L, 4L, 5L);
        assertThat(r.subList(1, 4)).allMatch(CsvRecord::malformed);
        assertThat(r.subList(1, 4)).extracting(CsvRecord::raw).containsExactly("a,\"b", "c\"d,e", "f,g\"");
        assertThat(r.get(4).fields()).containsExactly("x", "y");
    }

    @Test
    void longQuotedValueIsRead() throws IOException {
        String big = "x".repeat(200_000);
        List<CsvRecord> r = all("h1,h2\na,\"" + big + "\"\nb,\"" + big.replace('x', ',') + "\"\nc,d\n");

        assertThat(r).hasSize(4);
        assertThat(r.get(1).fields()[1]).isEqualTo(big);
        assertThat(r.get(2).fields()[1]).hasSize(200_000);
        assertThat(r.get(3).lineNumber()).isEqualTo(4);
    }

    @Test
    void longMalformedLineCostsOnlyItsLine() throws IOException {
        String big = "y".repeat(200_000);
        List<CsvRecord> r = all("h1,h2\na,\"" + big + "\"z\nc,d\n");

        assertThat(r.get(1).malformed()).isTrue();
        assertThat(r.get(2).fields()).containsExactly("c", "d");
    }

    @Test
    void positionAndSeekResumeAtTheNextRecord() throws IOException {
        String text = "h1,h2\na,b\n\nc,\"d\ne\"\nf,g\nTRAILER,3\n";
        long position;
        try (CsvRecordCursor c = CsvRecordCursor.of(new StringReader(text))) {
            c.next();
            assertThat(c.next().lineNumber()).isEqualTo(2);
            position = c.position();
            assertThat(position).isEqualTo(3);
            assertThat(c.next().lineNumber()).isEqualTo(4);
            assertThat(c.position()).isEqualTo(6);
        }
        try (CsvRecordCursor c = CsvRecordCursor.of(new StringReader(text))) {
            c.seek(position);
            List<CsvRecord> rest = drain(c);
            assertThat(lineNumbers(rest)).containsExactly(4L, 6L, 7L);
            assertThat(rest.get(0).fields()).containsExactly("c", "d\ne");
        }
        try (CsvRecordCursor c = CsvRecordCursor.of(new StringReader(text))) {
            c.seek(6);
            assertThat(lineNumbers(drain(c))).containsExactly(6L, 7L);
        }
    }

    @Test
    void positionAfterAMalformedRecordIsItsNextLine() throws IOException {
        String text = "h1,h2\na,\"b\nc,d\ne,f\n";
        try (CsvRecordCursor c = CsvRecordCursor.of(new StringReader(text))) {
            c.next();
            assertThat(c.next().malformed()).isTrue();
            assertThat(c.position()).isEqualTo(3);
            assertThat(c.next().lineNumber()).isEqualTo(3);
            assertThat(c.position()).isEqualTo(4);
        }
    }

    @Test
    void seekPastTheEndGivesNoRecord() throws IOException {
        try (CsvRecordCursor c = CsvRecordCursor.of(new StringReader("h\na\n"))) {
            c.seek(10);
            assertThat(c.next()).isNull();
        }
    }

    @Test
    void emptyInputHasNoRecords() throws IOException {
        assertThat(all("")).isEmpty();
        assertThat(all("\n \n")).isEmpty();
    }

    // ---- byte offsets: a cursor opened at any record reads what the sequential cursor reads ----

    /** Quotes spanning lines, malformed quoting, CRLF, a BOM, blank lines, 3-byte UTF-8 and invalid bytes. */
    private static byte[] awkwardFile() {
        java.io.ByteArrayOutputStream b = new java.io.ByteArrayOutputStream();
        b.writeBytes(new byte[]{(byte) 0xEF, (byte) 0xBB, (byte) 0xBF});
        b.writeBytes(("h1,h2,h3\r\n"
                + "a,b,c\n"
                + "\n"
                + "   \r\n"
                + "\"multi\nline\r\nvalue\",x,y\n"
                + "d,\"e\"\"q\",f\r\n"
                + "bad,\"quote\"x,z\n"
                + "g,\"unterminated,h\n"
                + "i,j,k\n"
                + "\"q1\",\"q2\",\"q3\"\n"
                + "euro \u20ac,\u4e2d\u6587,ok\n").getBytes(StandardCharsets.UTF_8));
        b.writeBytes(new byte[]{'x', (byte) 0xC3, ',', (byte) 0xE2, (byte) 0x82, ',', 'z', '\n'});
        b.writeBytes(new byte[]{(byte) 0xF0, (byte) 0x9F, (byte) 0x98, '\n'});
        b.writeBytes("\n\"a\"b,c\n\"x\n\ny\",2,3\nTRAILER,9".getBytes(StandardCharsets.UTF_8));
        return b.toByteArray();
    }

    @Test
    void openingAtAnyRecordsByteOffsetReadsWhatTheSequentialCursorReads() throws IOException {
        Path f = dir.resolve("awkward.csv");
        Files.write(f, awkwardFile());
        List<CsvRecord> sequential;
        try (CsvRecordCursor c = CsvRecordCursor.open(f)) {
            sequential = drain(c);
        }
        assertThat(sequential).hasSizeGreaterThan(10);
        assertThat(sequential).anyMatch(CsvRecord::malformed);
        assertThat(sequential).anyMatch(r -> r.raw().contains("\n"));
        for (int i = 0; i < sequential.size(); i++) {
            CsvRecord at = sequential.get(i);
            try (CsvRecordCursor c = CsvRecordCursor.open(f, at.byteOffset(), at.lineNumber())) {
                List<CsvRecord> tail = drain(c);
                assertThat(describe(tail)).as("opened at record %d (line %d, byte %d)", i, at.lineNumber(), at.byteOffset())
                        .isEqualTo(describe(sequential.subList(i, sequential.size())));
            }
        }
    }

    @Test
    void byteOffsetsAreWhereTheRecordsLinesStart() throws IOException {
        byte[] bytes = "h\r\n\n\u20ac,1\n\"a\nb\",2\nc,3\n".getBytes(StandardCharsets.UTF_8);
        List<CsvRecord> r = allFromFile(bytes);

        assertThat(r.stream().map(CsvRecord::byteOffset).toList()).containsExactly(0L, 4L, 10L, 18L);
        assertThat(lineNumbers(r)).containsExactly(1L, 3L, 4L, 6L);
    }

    @Test
    void bytesAreDecodedAsACharacterReaderDecodesThem() throws IOException {
        java.util.Random random = new java.util.Random(15);
        byte[] alphabet = {'a', ',', '"', '\n', '\r', (byte) 0xC3, (byte) 0xA9, (byte) 0xE2, (byte) 0x82, (byte) 0xAC,
                (byte) 0xF0, (byte) 0x9F, (byte) 0x98, (byte) 0x80, (byte) 0xFF, (byte) 0xEF, (byte) 0xBB, (byte) 0xBF};
        for (int round = 0; round < 300; round++) {
            byte[] bytes = new byte[random.nextInt(200)];
            for (int k = 0; k < bytes.length; k++) {
                bytes[k] = alphabet[random.nextInt(alphabet.length)];
            }
            assertThat(describe(allFromFile(bytes))).as("round %d", round).isEqualTo(describe(viaCharacterReader(bytes)));
        }
    }

    /** What the cursor read before it read bytes: the file through a replacing UTF-8 character reader. */
    private static List<CsvRecord> viaCharacterReader(byte[] bytes) throws IOException {
        java.nio.charset.CharsetDecoder utf8 = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(java.nio.charset.CodingErrorAction.REPLACE)
                .onUnmappableCharacter(java.nio.charset.CodingErrorAction.REPLACE);
        StringBuilder text = new StringBuilder();
        try (java.io.Reader in = new java.io.InputStreamReader(new java.io.ByteArrayInputStream(bytes), utf8)) {
            char[] buf = new char[1024];
            for (int n = in.read(buf); n >= 0; n = in.read(buf)) {
                text.append(buf, 0, n);
            }
        }
        return all(text.toString());
    }

    private static List<String> describe(List<CsvRecord> records) {
        return records.stream().map(r -> r.lineNumber() + "|" + r.raw() + "|"
                + (r.malformed() ? "MALFORMED" : String.join("\u0001", r.fields()))).toList();
    }
}
