package org.misbridge.mis.oneroster.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The records {@link CsvRecords} finds in a file's bytes, worked out by hand from RFC 4180 (a
 * line break inside double quotes does not end a record; a doubled quote is a quote), and what
 * makes it stop trusting its framing: whatever the parser would read otherwise.
 */
class CsvRecordsTest {

    // header; a row holding a quoted CRLF; a row holding a doubled quote; a last row with no line break
    private static final String FILE = "id,name\r\n1,\"a\r\nb\"\r\n2,\"x\"\"y\"\n3,z";

    @Test
    void recordsEndAtLineBreaksOutsideQuotes() throws Exception {
        CsvRecords records = framed(bytes(FILE), 1 << 16);
        assertThat(records.strict()).isTrue();
        assertThat(records.count()).isEqualTo(4);
        assertThat(digest(records, 0)).isEqualTo(sha("id,name\r\n"));
        assertThat(digest(records, 1)).isEqualTo(sha("1,\"a\r\nb\"\r\n"));
        assertThat(digest(records, 2)).isEqualTo(sha("2,\"x\"\"y\"\n"));
        assertThat(digest(records, 3)).isEqualTo(sha("3,z"));
        // the parser finds the same rows, and each record after the header alone reads as its row
        assertThat(parsed("id,name\r\n1,\"a\r\nb\"\r\n2,\"x\"\"y\"\n3,z")).containsExactly("1|a\r\nb", "2|x\"y", "3|z");
        assertThat(parsed("id,name\r\n2,\"x\"\"y\"\n")).containsExactly("2|x\"y");
    }

    @Test
    void aByteOrderMarkIsNotPartOfTheFirstRecordAndBytesMayComeOneByOne() throws Exception {
        byte[] plain = bytes(FILE);
        byte[] withBom = new byte[plain.length + 3];
        withBom[0] = (byte) 0xEF;
        withBom[1] = (byte) 0xBB;
        withBom[2] = (byte) 0xBF;
        System.arraycopy(plain, 0, withBom, 3, plain.length);
        CsvRecords whole = framed(plain, 1 << 16);
        CsvRecords marked = framed(withBom, 1);
        assertThat(marked.strict()).isTrue();
        assertThat(marked.digests()).isEqualTo(whole.digests());
        assertThat(framed(plain, 7).digests()).isEqualTo(whole.digests());
        // bytes that only begin like a BOM are the file's own
        CsvRecords notBom = framed(bytes("\u00EFx,y\n1,2\n"), 1);
        assertThat(notBom.count()).isEqualTo(2);
        assertThat(digest(notBom, 0)).isEqualTo(sha("\u00EFx,y\n"));
    }

    @Test
    void whateverTheParserWouldReadOtherwiseIsNotStrict() {
        List<String> odd = List.of(
                "id,name\n1,a\"b\n2,c\n", // a quote inside an unquoted value is text to the parser
                "id,name\n1,a\n\n2,c\n", // a blank line, which the parser skips
                "id,name\n1, \"a\"\n", // a space before the opening quote
                "id,name\n1,\"a\"b\n", // text after the closing quote
                "id,name\r1,a\n", // a carriage return alone
                "id,name\n1,\"a\n"); // a quoted value never closed
        for (String file : odd) {
            assertThat(framed(bytes(file), 1 << 16).strict()).as(file).isFalse();
        }
        assertThat(framed(bytes("id,name\n1,\"\"\n2,\"a,b\"\r\n"), 1 << 16).strict()).isTrue();
    }

    @Test
    void comparedWithTheLastReadOnlyTheChangedRecordsAreKept() throws Exception {
        String before = "id,name\n1,\"Ann\"\n2,Bob\n3,Cy\n";
        String after = "id,name\n1,\"Ann\"\n2,Bobby\n3,Cy\n";
        CsvRecords kept = framed(bytes(before), 1 << 16);
        CsvRecords now = new CsvRecords(kept.digests());
        feed(now, bytes(after), 3);
        assertThat(now.headerChanged()).isFalse();
        assertThat(now.changed()).containsExactly(2);
        assertThat(new String(now.changedFile(), StandardCharsets.ISO_8859_1)).isEqualTo("id,name\n2,Bobby\n");
        assertThat(digest(now, 2)).isEqualTo(sha("2,Bobby\n"));

        CsvRecords renamedColumn = new CsvRecords(kept.digests());
        feed(renamedColumn, bytes(after.replace("name", "givenName")), 1 << 16);
        assertThat(renamedColumn.headerChanged()).isTrue();
    }

    /**
     * Random files of the bytes that matter to RFC 4180 (and a letter), fed in random pieces: where
     * a splitter written apart from {@link CsvRecords}, field by field, finds the file strict, the
     * records and their digests are the same; where it does not, neither does the framing.
     */
    @Test
    void randomFilesFrameAsAFieldByFieldSplitterSplitsThem() throws Exception {
        byte[] alphabet = bytes("ab,\"\r\n");
        Random random = new Random(21);
        int strictFiles = 0;
        for (int n = 0; n < 20_000; n++) {
            byte[] file = new byte[1 + random.nextInt(40)];
            for (int i = 0; i < file.length; i++) {
                file[i] = alphabet[random.nextInt(alphabet.length)];
            }
            List<byte[]> expected = Splitter.records(file);
            CsvRecords records = framed(file, 1 + random.nextInt(9));
            String shown = new String(file, StandardCharsets.ISO_8859_1).replace("\r", "\\r").replace("\n", "\\n");
            assertThat(records.strict()).as(shown).isEqualTo(expected != null);
            if (expected != null) {
                strictFiles++;
                assertThat(records.count()).as(shown).isEqualTo(expected.size());
                for (int k = 0; k < expected.size(); k++) {
                    assertThat(digest(records, k)).as(shown + " record " + k)
                            .isEqualTo(MessageDigest.getInstance("SHA-256").digest(expected.get(k)));
                }
            }
        }
        assertThat(strictFiles).isGreaterThan(1_000); // enough strict files to compare records on
    }

    /**
     * RFC 4180 by fields, written for this test: a record is fields separated by commas and ended by
     * CRLF, LF or the file's end; a field is plain bytes without quotes, or a quoted run whose quotes
     * are doubled, directly followed by a comma or a line break. Null when the file is not such
     * records, or has an empty line or a CR not followed by LF (what the framing calls not strict).
     */
    private static final class Splitter {
        static List<byte[]> records(byte[] f) {
            List<byte[]> out = new ArrayList<>();
            int i = 0;
            while (i < f.length) {
                int start = i;
                if (f[i] == '\n' || f[i] == '\r') {
                    return null; // an empty line
                }
                while (true) { // one field
                    if (i < f.length && f[i] == '"') {
                        i++;
                        while (true) {
                            if (i >= f.length) {
                                return null; // never closed
                            }
                            if (f[i] == '"') {
                                if (i + 1 < f.length && f[i + 1] == '"') {
                                    i += 2;
                                    continue;
                                }
                                i++;
                                break;
                            }
                            i++;
                        }
                    } else {
                        while (i < f.length && f[i] != ',' && f[i] != '\n' && f[i] != '\r') {
                            if (f[i] == '"') {
                                return null; // a quote inside a plain field
                            }
                            i++;
                        }
                    }
                    if (i < f.length && f[i] == ',') {
                        i++;
                        continue;
                    }
                    break;
                }
                if (i < f.length) {
                    if (f[i] == '\r') {
                        if (i + 1 >= f.length || f[i + 1] != '\n') {
                            return null; // a CR alone
                        }
                        i++;
                    }
                    if (f[i] != '\n') {
                        return null; // a closing quote followed by something else
                    }
                    i++;
                }
                out.add(Arrays.copyOfRange(f, start, i));
            }
            return out;
        }
    }

    private static CsvRecords framed(byte[] file, int piece) {
        CsvRecords records = new CsvRecords();
        feed(records, file, piece);
        return records;
    }

    private static void feed(CsvRecords records, byte[] file, int piece) {
        for (int from = 0; from < file.length; from += piece) {
            records.feed(file, from, Math.min(piece, file.length - from));
        }
        records.end();
    }

    private static List<String> parsed(String file) throws Exception {
        List<String> rows = new ArrayList<>();
        CsvTable.read("test.csv", new ByteArrayInputStream(bytes(file)), StandardCharsets.UTF_8, List.of("id"),
                row -> rows.add(row.get("id") + "|" + row.get("name")));
        return rows;
    }

    private static byte[] digest(CsvRecords records, int index) {
        byte[] all = records.digests();
        return Arrays.copyOfRange(all, index * CsvRecords.DIGEST_BYTES, (index + 1) * CsvRecords.DIGEST_BYTES);
    }

    private static byte[] sha(String text) throws Exception {
        return MessageDigest.getInstance("SHA-256").digest(bytes(text));
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.ISO_8859_1);
    }
}
