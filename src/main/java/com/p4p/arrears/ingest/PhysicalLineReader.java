package com.p4p.arrears.ingest;

import java.io.Closeable;
import java.io.IOException;
import java.io.Reader;

/**
 * Reads physical lines the way SPEC 2 counts them: a line ends at LF, a CR just before the LF is
 * dropped, a leading UTF-8 BOM is dropped. (BufferedReader.readLine also splits at a lone CR, which
 * would shift every later line number.)
 */
final class PhysicalLineReader implements Closeable {

    private final Reader in;
    private final char[] buffer = new char[1 << 16];
    private int position;
    private int limit;
    private long lineNumber;
    private final StringBuilder line = new StringBuilder(256);

    PhysicalLineReader(Reader in) {
        this.in = in;
    }

    /** The number of the last line returned (1-based); 0 before the first. */
    long lineNumber() {
        return lineNumber;
    }

    /** The next line without its terminator, or null at the end of the file. */
    String readLine() throws IOException {
        line.setLength(0);
        boolean any = false;
        while (true) {
            if (position == limit) {
                limit = in.read(buffer);
                position = 0;
                if (limit <= 0) {
                    limit = 0;
                    if (!any) {
                        return null;
                    }
                    break;
                }
            }
            any = true;
            int start = position;
            while (position < limit && buffer[position] != '\n') {
                position++;
            }
            line.append(buffer, start, position - start);
            if (position < limit) {
                position++; // the LF
                break;
            }
        }
        lineNumber++;
        int end = line.length();
        if (end > 0 && line.charAt(end - 1) == '\r') {
            line.setLength(end - 1);
        }
        if (lineNumber == 1 && line.length() > 0 && line.charAt(0) == '\uFEFF') {
            line.deleteCharAt(0);
        }
        return line.toString();
    }

    @Override
    public void close() throws IOException {
        in.close();
    }
}
