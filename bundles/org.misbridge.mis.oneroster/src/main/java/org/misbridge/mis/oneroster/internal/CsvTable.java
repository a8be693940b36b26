package org.misbridge.mis.oneroster.internal;

import java.io.BufferedInputStream;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
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
 * trimmed and regardless of case, and refuses a row whose field count differs from the header's.
 *
 * <p>The bytes are split into records first (the CSV syntax is ASCII in every encoding a school
 * may declare) and each field is then decoded strictly in the school's encoding, so a byte that is
 * not valid there is reported at its own row and column, with the cell's bytes shown, rather than
 * wherever a decoder reading ahead happened to be.
 */
final class CsvTable {

    private static final Logger LOG = LoggerFactory.getLogger(CsvTable.class);

    /** The most header columns an error lists, and the most characters of each. */
    private static final int LISTED_COLUMNS = 40;
    private static final int LISTED_COLUMN_CHARS = 40;

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
     * Reads {@code fileName} from {@code in} (which it closes), its text in {@code charset},
     * checking that the header has every one of {@code requiredColumns}; returns the number of data rows.
     */
    static long read(String fileName, InputStream in, Charset charset, Collection<String> requiredColumns, RowHandler handler)
            throws MisReadException {
        long[] lastRow = {1};
        Decoder decoder = new Decoder(fileName, charset);
        // ISO-8859-1 maps each byte to the char of the same value: the parser sees the bytes, not a guess at the text
        try (BufferedReader bytes = new BufferedReader(new InputStreamReader(skipBom(in), StandardCharsets.ISO_8859_1), 1 << 16);
                CSVParser parser = FORMAT.parse(bytes)) {
            Iterator<CSVRecord> records = parser.iterator();
            if (!records.hasNext()) {
                throw new MisReadException(fileName, "is empty: it has no header row");
            }
            List<String> names = decoder.header(records.next());
            Map<String, Integer> header = header(fileName, names);
            for (String column : requiredColumns) {
                if (!header.containsKey(key(column))) {
                    throw new MisReadException(fileName, 1, column, "the header has no column " + column
                            + " (found, in file order: " + listed(names) + ")", null);
                }
            }
            Columns columns = new Columns(header);
            long rows = 0;
            while (records.hasNext()) {
                CSVRecord record = records.next();
                long number = record.getRecordNumber();
                lastRow[0] = number;
                if (record.size() != names.size()) {
                    throw new MisReadException(fileName, number, null, "the row has " + record.size() + " fields but the header has "
                            + names.size() + (record.size() > names.size() ? "; a value with a comma must be in double quotes"
                            : "; every row needs a field, empty or not, for each column"), null);
                }
                handler.accept(new Row(fileName, number, columns, decoder.values(record, number, names)));
                rows++;
            }
            return rows;
        } catch (UncheckedIOException e) {
            throw unreadable(fileName, e.getCause(), lastRow[0]);
        } catch (IOException e) {
            throw unreadable(fileName, e, lastRow[0]);
        }
    }

    private static MisReadException unreadable(String fileName, IOException cause, long lastRow) {
        return new MisReadException(fileName, lastRow + 1, null, "cannot be read after row " + lastRow + ": " + cause.getMessage(), cause);
    }

    /** The stream without a leading UTF-8 byte order mark. */
    private static InputStream skipBom(InputStream in) throws IOException {
        BufferedInputStream buffered = new BufferedInputStream(in, 1 << 16);
        buffered.mark(3);
        byte[] first = buffered.readNBytes(3);
        if (first.length < 3 || (first[0] & 0xff) != 0xEF || (first[1] & 0xff) != 0xBB || (first[2] & 0xff) != 0xBF) {
            buffered.reset();
        }
        return buffered;
    }

    private static Map<String, Integer> header(String fileName, List<String> names) {
        Map<String, Integer> header = new HashMap<>();
        for (int i = 0; i < names.size(); i++) {
            String raw = names.get(i);
            String name = key(raw);
            if (!name.isEmpty()) {
                header.putIfAbsent(name, i);
            }
            if (!name.equals(raw.strip().toLowerCase(Locale.ROOT))) {
                LOG.info("{}: column {} is read as {}", fileName, MisReadException.quote(raw.strip()), name);
            }
        }
        return header;
    }

    /** The header's columns as written, in file order, each short and escaped: an error names no more of the file. */
    private static String listed(List<String> names) {
        StringBuilder out = new StringBuilder();
        int shown = Math.min(names.size(), LISTED_COLUMNS);
        for (int i = 0; i < shown; i++) {
            if (i > 0) {
                out.append(", ");
            }
            out.append(MisReadException.shown(names.get(i).strip(), LISTED_COLUMN_CHARS));
        }
        if (shown < names.size()) {
            out.append(" and ").append(names.size() - shown).append(" more");
        }
        return out.toString();
    }

    /**
     * The name a column is matched by: trimmed, lower case, without '_' or spaces, and with the
     * misspelling "sourceId" seen in real exports read as "sourcedId" (orgSourceIds, userSourceId…).
     */
    static String key(String column) {
        String k = column.strip().toLowerCase(Locale.ROOT).replace("_", "").replace(" ", "");
        return k.replace("sourceid", "sourcedid");
    }

    /** Decodes the fields of one file strictly in its encoding, naming row, column and bytes of a cell it cannot. */
    private static final class Decoder {
        private final String fileName;
        private final Charset charset;
        private final CharsetDecoder strict;

        Decoder(String fileName, Charset charset) {
            this.fileName = fileName;
            this.charset = charset;
            this.strict = charset.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT);
        }

        List<String> header(CSVRecord record) throws MisReadException {
            List<String> names = new ArrayList<>(record.size());
            for (int i = 0; i < record.size(); i++) {
                names.add(decode(record.get(i), 1, "field " + (i + 1)));
            }
            return names;
        }

        String[] values(CSVRecord record, long row, List<String> names) throws MisReadException {
            String[] values = record.values();
            for (int i = 0; i < values.length; i++) {
                values[i] = decode(values[i], row, names.get(i));
            }
            return values;
        }

        /** The field's text; ASCII (almost every field) is the same in every encoding allowed and is taken as it is. */
        private String decode(String bytes, long row, String column) throws MisReadException {
            int i = 0;
            while (i < bytes.length() && bytes.charAt(i) < 0x80) {
                i++;
            }
            if (i == bytes.length()) {
                return bytes;
            }
            byte[] raw = bytes.getBytes(StandardCharsets.ISO_8859_1);
            try {
                return strict.reset().decode(ByteBuffer.wrap(raw)).toString();
            } catch (CharacterCodingException e) {
                throw new MisReadException(fileName, row, column, notDecodable(raw), e);
            }
        }

        /** Says which bytes are not text in the encoding, showing the cell with each such byte as \xHH. */
        private String notDecodable(byte[] raw) {
            CharsetDecoder d = charset.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT);
            ByteBuffer in = ByteBuffer.wrap(raw);
            CharBuffer out = CharBuffer.allocate(raw.length + 16);
            StringBuilder shown = new StringBuilder();
            String firstBad = null;
            while (true) {
                CoderResult result = d.decode(in, out, true);
                out.flip();
                shown.append(out);
                out.clear();
                if (result.isError()) {
                    StringBuilder bad = new StringBuilder();
                    for (int k = 0; k < result.length(); k++) {
                        int b = in.get() & 0xff;
                        shown.append(String.format(Locale.ROOT, "\\x%02X", b));
                        bad.append(bad.length() == 0 ? "" : " ").append(String.format(Locale.ROOT, "%02X", b));
                    }
                    if (firstBad == null) {
                        firstBad = (result.length() == 1 ? "the byte " : "the bytes ") + bad;
                    }
                } else if (result.isUnderflow()) {
                    break;
                }
            }
            String what = MisReadException.quote(shown) + " is not " + charset.name() + " (" + firstBad
                    + (firstBad != null && firstBad.startsWith("the bytes") ? " are" : " is") + " not valid there)";
            if (charset.equals(StandardCharsets.UTF_8)) {
                return what + "; older UK MIS exports are often Windows-1252: if this one is, set oneroster.csv.encoding=windows-1252"
                        + " in the school's OneRoster configuration";
            }
            return what + "; check oneroster.csv.encoding in the school's OneRoster configuration";
        }
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
        private final String[] values;

        Row(String file, long number, Columns columns, String[] values) {
            this.file = file;
            this.number = number;
            this.columns = columns;
            this.values = values;
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
            if (index < 0 || index >= values.length) {
                return null;
            }
            String value = values[index].strip();
            return value.isEmpty() ? null : value;
        }

        @Override
        public MisReadException fail(@Nullable String column, String message, @Nullable Throwable cause) {
            return new MisReadException(file, number, column, message, cause);
        }
    }
}
