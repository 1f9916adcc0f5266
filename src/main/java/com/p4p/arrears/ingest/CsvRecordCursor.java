package com.p4p.arrears.ingest;

import java.io.ByteArrayInputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Deque;

import com.opencsv.ICSVParser;
import com.opencsv.RFC4180ParserBuilder;

/**
 * Walks an RFC 4180 file record by record, skipping blank lines. OpenCSV splits and unquotes the
 * fields; this class adds what a nightly feed needs on top:
 * <ul>
 * <li>physical line numbers for every record (where it starts), and its raw text;</li>
 * <li>a malformed record (bad quoting) costs one line, not the rest of the file: it is returned as a
 * malformed record of its first line and reading resumes on the next line, so the trailer and every
 * other row are still seen;</li>
 * <li>a position (the next physical line) that a restart can seek back to;</li>
 * <li>each record's byte offset: a cursor {@link #open(Path, long, long) opened} at the offset of any
 * record it returned reads the same records from there on as this one does (after a malformed record
 * the lines it swallowed are re-read, so the next record starts on a line of its own either way).</li>
 * </ul>
 */
public final class CsvRecordCursor implements Closeable {

    /** A quoted value may span lines, but a record never spans more than this many. */
    static final int MAX_RECORD_LINES = 100;

    private final PhysicalLineReader lines;
    private ICSVParser parser = new RFC4180ParserBuilder().build();
    /** Lines read ahead while looking for a record's end, to be re-read if that record is malformed. */
    private final Deque<NumberedLine> pushedBack = new ArrayDeque<>();
    private long nextLine = 1;

    private record NumberedLine(long number, String text, long byteOffset) {
    }

    private CsvRecordCursor(InputStream in, long byteOffset, long lineNumber) {
        this.lines = new PhysicalLineReader(in, byteOffset, lineNumber);
        this.nextLine = lineNumber;
    }

    public static CsvRecordCursor open(Path file) throws IOException {
        return open(file, 0, 1);
    }

    /**
     * A cursor that starts reading at a line of the file.
     *
     * @param byteOffset where that line starts (a {@link CsvRecord#byteOffset()} of a record read from the
     *                   file's start, or 0)
     * @param lineNumber its number (1 with offset 0)
     */
    public static CsvRecordCursor open(Path file, long byteOffset, long lineNumber) throws IOException {
        InputStream in = Files.newInputStream(file);
        try {
            in.skipNBytes(byteOffset);
        } catch (IOException | RuntimeException e) {
            in.close();
            throw e;
        }
        return new CsvRecordCursor(in, byteOffset, lineNumber);
    }

    /** A cursor over text (tests): its UTF-8 bytes. */
    static CsvRecordCursor of(Reader reader) {
        try {
            StringBuilder text = new StringBuilder();
            char[] buf = new char[8192];
            for (int n = reader.read(buf); n >= 0; n = reader.read(buf)) {
                text.append(buf, 0, n);
            }
            return new CsvRecordCursor(new ByteArrayInputStream(text.toString().getBytes(StandardCharsets.UTF_8)), 0, 1);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The physical line the next record search starts on. */
    public long position() {
        return nextLine;
    }

    /** Moves forward to a position returned by {@link #position()} (from a fresh cursor). */
    public void seek(long line) throws IOException {
        while (nextLine < line) {
            if (nextPhysical() == null) {
                return;
            }
        }
    }

    /** The next non-blank record, or null at the end of the file. */
    public CsvRecord next() throws IOException {
        NumberedLine first;
        do {
            first = nextPhysical();
            if (first == null) {
                return null;
            }
        } while (first.text().isBlank());

        StringBuilder raw = new StringBuilder(first.text());
        Deque<NumberedLine> consumed = new ArrayDeque<>();
        String[] fields;
        try {
            fields = parser.parseLineMulti(first.text());
            while (parser.isPending()) {
                NumberedLine more = consumed.size() + 1 < MAX_RECORD_LINES ? nextPhysical() : null;
                if (more == null) {
                    return malformed(first, consumed);
                }
                consumed.add(more);
                raw.append('\n').append(more.text());
                // the parser returns only the fields completed by this line: the record is all of them
                fields = concat(fields, parser.parseLineMulti(more.text()));
            }
        } catch (IOException e) {
            return malformed(first, consumed);
        }
        // OpenCSV tolerates stray quotes (a,b"c,d); the contract does not
        if (raw.indexOf("\"") >= 0 && !isRfc4180(raw)) {
            return malformed(first, consumed);
        }
        return new CsvRecord(first.number(), raw.toString(), fields, first.byteOffset());
    }

    private static String[] concat(String[] head, String[] tail) {
        String[] all = Arrays.copyOf(head, head.length + tail.length);
        System.arraycopy(tail, 0, all, head.length, tail.length);
        return all;
    }

    /**
     * RFC 4180 record grammar: fields separated by commas, each quoted (with "" escapes) or free of
     * quotes. A plain scan, not a regex: a regex with an alternation inside a repetition recurses
     * once per character and overflows the stack on a long value.
     */
    static boolean isRfc4180(CharSequence record) {
        int n = record.length();
        int i = 0;
        while (true) {
            if (i < n && record.charAt(i) == '"') {
                i++;
                while (true) {
                    if (i >= n) {
                        return false; // unterminated quote
                    }
                    if (record.charAt(i++) == '"') {
                        if (i < n && record.charAt(i) == '"') {
                            i++; // escaped quote
                        } else {
                            break;
                        }
                    }
                }
            } else {
                while (i < n && record.charAt(i) != ',') {
                    if (record.charAt(i) == '"') {
                        return false; // quote inside an unquoted field
                    }
                    i++;
                }
            }
            if (i == n) {
                return true;
            }
            if (record.charAt(i) != ',') {
                return false; // text after a closing quote
            }
            i++;
        }
    }

    private CsvRecord malformed(NumberedLine first, Deque<NumberedLine> consumed) {
        // drop the parser's pending state and re-read the lines it swallowed: only the first line is lost
        parser = new RFC4180ParserBuilder().build();
        while (!consumed.isEmpty()) {
            NumberedLine l = consumed.pollLast();
            pushedBack.push(l);
        }
        if (!pushedBack.isEmpty()) {
            nextLine = pushedBack.peek().number();
        }
        return new CsvRecord(first.number(), first.text(), null, first.byteOffset());
    }

    private NumberedLine nextPhysical() throws IOException {
        NumberedLine line;
        if (!pushedBack.isEmpty()) {
            line = pushedBack.pop();
        } else {
            String text = lines.readLine();
            if (text == null) {
                return null;
            }
            line = new NumberedLine(lines.lineNumber(), text, lines.lineOffset());
        }
        nextLine = line.number() + 1;
        return line;
    }

    @Override
    public void close() throws IOException {
        lines.close();
    }
}
