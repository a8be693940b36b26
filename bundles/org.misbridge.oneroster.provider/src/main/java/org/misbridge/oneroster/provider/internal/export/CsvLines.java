package org.misbridge.oneroster.provider.internal.export;

import java.io.IOException;
import java.io.Writer;
import java.util.List;

/**
 * RFC 4180 lines: CRLF after each, a cell quoted when it holds a comma, a quote, a line break or
 * starts or ends with a space (a reader that trims would lose it), quotes doubled inside. Cells
 * are written as they are: OneRoster consumers read the raw text, so no spreadsheet escaping.
 */
final class CsvLines {
    private final Writer out;

    CsvLines(Writer out) {
        this.out = out;
    }

    void line(List<String> cells) throws IOException {
        for (int i = 0; i < cells.size(); i++) {
            if (i > 0) {
                out.write(',');
            }
            cell(cells.get(i));
        }
        out.write("\r\n");
    }

    private void cell(String value) throws IOException {
        if (!needsQuotes(value)) {
            out.write(value);
            return;
        }
        out.write('"');
        out.write(value.replace("\"", "\"\""));
        out.write('"');
    }

    static boolean needsQuotes(String value) {
        if (value.isEmpty()) {
            return false;
        }
        if (value.charAt(0) == ' ' || value.charAt(value.length() - 1) == ' ') {
            return true;
        }
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == ',' || c == '"' || c == '\r' || c == '\n') {
                return true;
            }
        }
        return false;
    }
}
