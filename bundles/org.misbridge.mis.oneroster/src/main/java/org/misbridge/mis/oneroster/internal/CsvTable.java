package org.misbridge.mis.oneroster.internal;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.util.Collection;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Locale;
import java.util.Map;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.jspecify.annotations.Nullable;
import org.misbridge.api.spi.MisReadException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Streams one OneRoster CSV file record by record: strips a UTF-8 BOM, matches header names
 * trimmed and regardless of case, and treats missing trailing columns as empty.
 */
final class CsvTable {

    private static final Logger LOG = LoggerFactory.getLogger(CsvTable.class);

    /** Handles one data row; may throw to stop the read. */
    @FunctionalInterface
    interface RowHandler {
        void accept(Row row) throws MisReadException;
    }

    private static final CSVFormat FORMAT = CSVFormat.RFC4180.builder()
            .setIgnoreSurroundingSpaces(true)
            .setIgnoreEmptyLines(true)
            .build();

    private CsvTable() {
    }

    /**
     * Reads {@code fileName} from {@code reader}, checking that the header has every one of
     * {@code requiredColumns}; returns the number of data rows.
     */
    static long read(String fileName, Reader reader, Collection<String> requiredColumns, RowHandler handler) throws MisReadException {
        long[] lastRow = {1};
        try (BufferedReader in = new BufferedReader(reader); CSVParser parser = FORMAT.parse(skipBom(in))) {
            Iterator<CSVRecord> records = parser.iterator();
            if (!records.hasNext()) {
                throw new MisReadException(fileName, "is empty: it has no header row");
            }
            Map<String, Integer> header = header(fileName, records.next());
            for (String column : requiredColumns) {
                if (!header.containsKey(key(column))) {
                    throw new MisReadException(fileName, 1, column, "the header has no column " + column
                            + " (found: " + String.join(",", header.keySet()) + ")", null);
                }
            }
            Columns columns = new Columns(header);
            long rows = 0;
            while (records.hasNext()) {
                CSVRecord record = records.next();
                lastRow[0] = record.getRecordNumber();
                handler.accept(new Row(fileName, record.getRecordNumber(), columns, record));
                rows++;
            }
            return rows;
        } catch (UncheckedIOException e) {
            throw unreadable(fileName, e.getCause(), lastRow[0]);
        } catch (java.nio.charset.CharacterCodingException e) {
            throw unreadable(fileName, e, lastRow[0]);
        } catch (IOException e) {
            throw new MisReadException(fileName, 0, null, "cannot be read: " + e.getMessage(), e);
        }
    }

    private static MisReadException unreadable(String fileName, IOException cause, long lastRow) {
        if (cause instanceof java.nio.charset.CharacterCodingException) {
            return new MisReadException(fileName, lastRow + 1, null, "is not UTF-8 text (from about row " + (lastRow + 1)
                    + "); export it again as UTF-8", cause);
        }
        return new MisReadException(fileName, 0, null, "cannot be read: " + cause.getMessage(), cause);
    }

    private static Reader skipBom(BufferedReader in) throws IOException {
        in.mark(1);
        int first = in.read();
        if (first != '\uFEFF') {
            in.reset();
        }
        return in;
    }

    private static Map<String, Integer> header(String fileName, CSVRecord record) {
        Map<String, Integer> header = new HashMap<>();
        for (int i = 0; i < record.size(); i++) {
            String raw = record.get(i);
            String name = key(raw);
            if (!name.isEmpty()) {
                header.putIfAbsent(name, i);
            }
            if (!name.equals(raw.strip().toLowerCase(Locale.ROOT))) {
                LOG.info("{}: column '{}' is read as {}", fileName, raw.strip(), name);
            }
        }
        return header;
    }

    /**
     * The name a column is matched by: trimmed, lower case, without '_' or spaces, and with the
     * misspelling "sourceId" seen in real exports read as "sourcedId" (orgSourceIds, userSourceId…).
     */
    static String key(String column) {
        String k = column.strip().toLowerCase(Locale.ROOT).replace("_", "").replace(" ", "");
        return k.replace("sourceid", "sourcedid");
    }

    /**
     * A file's header seen by the column names the code asks for. Each name is resolved once per
     * file rather than once per field, as a read asks for a dozen names a million times.
     */
    static final class Columns {
        private final Map<String, Integer> header;
        // keyed by the names in the code, so it holds a few entries whatever the file has
        private final Map<String, Integer> resolved = new HashMap<>();

        Columns(Map<String, Integer> header) {
            this.header = header;
        }

        /** The index of {@code column}, or -1 when the header has no such column. */
        int index(String column) {
            Integer index = resolved.get(column);
            if (index == null) {
                index = header.getOrDefault(key(column), -1);
                resolved.put(column, index);
            }
            return index;
        }
    }

    /** One data row, with typed access that names file, row and column when a value is wrong. */
    static final class Row implements Fields {
        private final String file;
        private final long number;
        private final Columns columns;
        private final CSVRecord record;

        Row(String file, long number, Columns columns, CSVRecord record) {
            this.file = file;
            this.number = number;
            this.columns = columns;
            this.record = record;
        }

        /** The 1-based row of the file, the header being row 1. */
        @Override
        public long number() {
            return number;
        }

        /** The trimmed value, or null when the column is absent or the value blank. */
        @Override
        public @Nullable String get(String column) {
            int index = columns.index(column);
            if (index < 0 || index >= record.size()) {
                return null;
            }
            String value = record.get(index).strip();
            return value.isEmpty() ? null : value;
        }

        @Override
        public MisReadException fail(@Nullable String column, String message, @Nullable Throwable cause) {
            return new MisReadException(file, number, column, message, cause);
        }
    }
}
