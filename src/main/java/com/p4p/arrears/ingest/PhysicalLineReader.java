package com.p4p.arrears.ingest;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Reads physical lines the way SPEC 2 counts them: a line ends at LF, a CR just before the LF is
 * dropped, a leading UTF-8 BOM is dropped. (BufferedReader.readLine also splits at a lone CR, which
 * would shift every later line number.)
 * <p>
 * It reads bytes, not characters, so that it knows where each line starts in the file: a reader can
 * then be opened at any line's byte offset (a partition's range). An LF byte never occurs inside a
 * UTF-8 sequence, so splitting bytes at LF and decoding each line (invalid bytes become U+FFFD) gives
 * the lines a character reader would.
 */
final class PhysicalLineReader implements Closeable {

    private final InputStream in;
    private final byte[] buffer = new byte[1 << 16];
    private int position;
    private int limit;
    /** The file offset of buffer[0]. */
    private long bufferStart;
    private long lineNumber;
    private long lineOffset = -1;
    private byte[] line = new byte[256];

    /**
     * @param in             the file's bytes from {@code startOffset} on
     * @param startOffset    the byte offset of the first line it will read (0: the file's start)
     * @param firstLineNumber that line's number (1-based)
     */
    PhysicalLineReader(InputStream in, long startOffset, long firstLineNumber) {
        this.in = in;
        this.bufferStart = startOffset;
        this.lineNumber = firstLineNumber - 1;
    }

    /** The number of the last line returned (1-based); 0 before the first. */
    long lineNumber() {
        return lineNumber;
    }

    /** The byte offset in the file at which the last line returned starts. */
    long lineOffset() {
        return lineOffset;
    }

    /** The next line without its terminator, or null at the end of the file. */
    String readLine() throws IOException {
        int length = 0;
        boolean any = false;
        long start = bufferStart + position;
        while (true) {
            if (position == limit) {
                bufferStart += limit;
                position = 0;
                limit = Math.max(0, in.read(buffer));
                if (limit == 0) {
                    if (!any) {
                        return null;
                    }
                    break;
                }
            }
            any = true;
            int from = position;
            while (position < limit && buffer[position] != '\n') {
                position++;
            }
            int n = position - from;
            if (length + n > line.length) {
                line = Arrays.copyOf(line, Math.max(2 * line.length, length + n));
            }
            System.arraycopy(buffer, from, line, length, n);
            length += n;
            if (position < limit) {
                position++; // the LF
                break;
            }
        }
        lineNumber++;
        lineOffset = start;
        if (length > 0 && line[length - 1] == '\r') {
            length--;
        }
        String text = new String(line, 0, length, StandardCharsets.UTF_8);
        if (lineNumber == 1 && !text.isEmpty() && text.charAt(0) == '\uFEFF') {
            text = text.substring(1);
        }
        return text;
    }

    @Override
    public void close() throws IOException {
        in.close();
    }
}
