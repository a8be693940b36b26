package org.misbridge.mis.ctf.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.misbridge.api.spi.MisReadException;

/**
 * Hostile and broken XML: each is refused with an error naming the file (and where the parser
 * knows it, the element and line), quickly, without expanding entities, fetching anything or
 * holding more than a text node's limit in memory.
 */
class HostileXmlTest {

    private static final Duration QUICKLY = Duration.ofSeconds(10);

    @TempDir
    Path temp;

    private MisReadException refused(String fileName, String xml) throws IOException {
        Path file = CtfFixtures.write(temp.resolve(fileName), xml);
        return refused(file);
    }

    private static MisReadException refused(Path file) {
        return org.junit.jupiter.api.Assertions.assertTimeoutPreemptively(QUICKLY,
                () -> catchThrowableOfType(MisReadException.class, () -> CtfFixtures.read(file)), "refused quickly");
    }

    @Test
    void billionLaughsIsRefusedAtTheDoctypeWithoutExpandingAnything() throws IOException {
        StringBuilder dtd = new StringBuilder("<!DOCTYPE CTfile [\n<!ENTITY lol0 \"lol\">\n");
        for (int i = 1; i <= 10; i++) {
            String previous = "&lol" + (i - 1) + ";";
            dtd.append("<!ENTITY lol").append(i).append(" \"").append(previous.repeat(10)).append("\">\n");
        }
        dtd.append("]>\n");
        MisReadException e = refused("laughs.xml", "<?xml version=\"1.0\"?>\n" + dtd + "<CTfile>&lol10;</CTfile>\n");
        assertThat(e).hasMessageContaining("laughs.xml").hasMessageContaining("DOCTYPE");
        assertThat(e.row()).isPositive();
    }

    @Test
    void anExternalEntityPointingAtALocalFileIsRefusedAndItsContentAppearsNowhere() throws IOException {
        String secret = "SECRET-" + UUID.randomUUID();
        Path secretFile = Files.writeString(temp.resolve("secret.txt"), secret);
        String xml = "<?xml version=\"1.0\"?>\n<!DOCTYPE CTfile [<!ENTITY xxe SYSTEM \"" + secretFile.toUri() + "\">]>\n"
                + CtfFixtures.ctf(CtfFixtures.header("full"), CtfFixtures.pupil("A999400100001", ""))
                        .replace("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n", "")
                        .replace("<Surname>Lee</Surname>", "<Surname>&xxe;</Surname>");
        MisReadException e = refused("xxe.xml", xml);
        assertThat(e).hasMessageContaining("xxe.xml").hasMessageContaining("DOCTYPE");
        assertNowhereIn(e, secret);
    }

    @Test
    void aParameterEntityPointingAtALocalFileIsRefusedToo() throws IOException {
        String secret = "SECRET-" + UUID.randomUUID();
        Path secretFile = Files.writeString(temp.resolve("secret.dtd"), "<!ENTITY leak \"" + secret + "\">");
        String xml = "<?xml version=\"1.0\"?>\n<!DOCTYPE CTfile [<!ENTITY % p SYSTEM \"" + secretFile.toUri() + "\"> %p;]>\n"
                + "<CTfile><Header/><CTFpupilData><Pupil><UPN>A999400100001</UPN><Surname>&leak;</Surname>"
                + "<Forename>Sam</Forename></Pupil></CTFpupilData></CTfile>";
        MisReadException e = refused("param.xml", xml);
        assertThat(e).hasMessageContaining("DOCTYPE");
        assertNowhereIn(e, secret);
    }

    @Test
    void noExternalDtdOrEntityIsEverFetched() throws IOException {
        try (ServerSocket server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            String url = "http://127.0.0.1:" + server.getLocalPort() + "/ctf.dtd";
            MisReadException e = refused("fetch.xml", "<?xml version=\"1.0\"?>\n<!DOCTYPE CTfile SYSTEM \"" + url + "\" [\n"
                    + "<!ENTITY remote SYSTEM \"" + url + "\">]>\n<CTfile>&remote;</CTfile>");
            assertThat(e).hasMessageContaining("DOCTYPE");
            server.setSoTimeout(300);
            assertThatThrownBy(server::accept).as("nobody connected to fetch the DTD or entity")
                    .isInstanceOf(SocketTimeoutException.class);
        }
    }

    @Test
    void aOneGigabyteTextNodeIsRefusedAfterAFewKilobytesWithoutWritingItToDisk() {
        Generated huge = new Generated("<?xml version=\"1.0\"?><CTfile>" + CtfFixtures.header("full")
                + "<CTFpupilData><Pupil><UPN>A999400100001</UPN><Surname>", 'x', 1L << 30, "</Surname></Pupil></CTFpupilData></CTfile>");
        CtfReader reader = CtfFixtures.reader(temp.resolve("unused"));
        MisReadException e = org.junit.jupiter.api.Assertions.assertTimeoutPreemptively(QUICKLY,
                () -> catchThrowableOfType(MisReadException.class, () -> reader.read(huge, "huge.xml")));
        assertThat(e).hasMessageContaining("huge.xml").hasMessageContaining("CTfile/CTFpupilData/Pupil[1]/Surname")
                .hasMessageContaining("text node is longer than the limit of 65536 characters");
        assertThat(huge.served).as("bytes pulled from the stream").isLessThan(1L << 20);
        assertThat(huge.closed).as("the stream is closed").isTrue();
    }

    @Test
    void aHugeTextNodeInAnElementTheReaderSkipsIsRefusedAsWell() {
        Generated huge = new Generated("<CTfile>" + CtfFixtures.header("full") + "<CTFpupilData><Pupil><UPN>A999400100001</UPN>"
                + "<Attendance><YearData>", '7', 1L << 30, "</YearData></Attendance></Pupil></CTFpupilData></CTfile>");
        CtfReader reader = CtfFixtures.reader(temp.resolve("unused"));
        MisReadException e = org.junit.jupiter.api.Assertions.assertTimeoutPreemptively(QUICKLY,
                () -> catchThrowableOfType(MisReadException.class, () -> reader.read(huge, "huge.xml")));
        assertThat(e).hasMessageContaining("Pupil[1]/Attendance/YearData").hasMessageContaining("text node");
        assertThat(huge.served).isLessThan(1L << 20);
    }

    @Test
    void aMultiMegabyteTextNodeInAFileIsRefusedByTheTextNodeLimit() throws IOException {
        Path file = temp.resolve("big-node.xml");
        try (BufferedWriter out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            String[] halves = CtfFixtures.ctf(CtfFixtures.header("full"),
                    "<Pupil><UPN>A999400100001</UPN><Surname>@</Surname><Forename>Sam</Forename></Pupil>").split("@");
            out.write(halves[0]);
            String block = "Smith".repeat(1000);
            for (int i = 0; i < 1000; i++) { // 5 MB
                out.write(block);
            }
            out.write(halves[1]);
        }
        assertThat(Files.size(file)).isGreaterThan(5_000_000L);
        MisReadException e = refused(file);
        assertThat(e).hasMessageContaining("big-node.xml").hasMessageContaining("CTfile/CTFpupilData/Pupil[1]/Surname")
                .hasMessageContaining("65536 characters");
        assertThat(e.row()).isPositive();
    }

    @Test
    void aFileOverTheByteLimitIsRefusedBeforeItIsRead() throws IOException {
        Path file = CtfFixtures.knownSchool(temp);
        CtfReader reader = CtfFixtures.reader(file, CtfLimits.defaults().withMaxBytes(1024));
        assertThatThrownBy(reader::read).isInstanceOf(MisReadException.class)
                .hasMessageContaining("known.xml").hasMessageContaining("larger than the limit of 1024 bytes")
                .hasMessageContaining("refused unread");
    }

    @Test
    void aStreamPastTheByteLimitIsCutOffAtTheLimit() {
        // many small elements, so only the byte limit can stop it
        Generated endless = new Generated("<CTfile>" + CtfFixtures.header("full") + "<CTFpupilData><Notes>", ' ', 1L << 30, "</Notes>");
        CtfReader reader = CtfFixtures.reader(temp.resolve("unused"), CtfLimits.defaults().withMaxBytes(64 * 1024));
        MisReadException e = org.junit.jupiter.api.Assertions.assertTimeoutPreemptively(QUICKLY,
                () -> catchThrowableOfType(MisReadException.class, () -> reader.read(endless, "endless.xml")));
        assertThat(e).hasMessageContaining("endless.xml").hasMessageContaining("larger than the limit of 65536 bytes");
        assertThat(endless.served).isLessThanOrEqualTo(64 * 1024 + 1);
    }

    @Test
    void theWrongRootElementIsRefusedByName() throws IOException {
        MisReadException e = refused("roster.xml", "<?xml version=\"1.0\"?>\n<Schools><School/></Schools>");
        assertThat(e).hasMessageContaining("roster.xml").hasMessageContaining("root element is Schools")
                .hasMessageContaining("not CTfile or ATfile");
    }

    @Test
    void aTruncatedFileIsRefusedWithTheLineItEnds() throws IOException {
        Path known = CtfFixtures.knownSchool(temp);
        String whole = Files.readString(known);
        MisReadException e = refused("cut.xml", whole.substring(0, whole.length() / 2));
        assertThat(e).hasMessageContaining("cut.xml").hasMessageContaining("not well-formed XML");
        assertThat(e.row()).isGreaterThan(50);
        assertThat(e.column()).startsWith("CTfile/CTFpupilData/Pupil[");
    }

    @Test
    void bytesThatAreNotUtf8AreRefused() throws IOException {
        String xml = CtfFixtures.ctf(CtfFixtures.header("full"), CtfFixtures.pupil("A999400100001", "")).replace("Lee", "Ren@e");
        byte[] bytes = xml.getBytes(StandardCharsets.UTF_8);
        for (int i = 0; i < bytes.length; i++) {
            if (bytes[i] == '@') {
                bytes[i] = (byte) 0xE9; // é in Latin-1, malformed in UTF-8
            }
        }
        Path file = Files.write(temp.resolve("latin1.xml"), bytes);
        MisReadException e = refused(file);
        assertThat(e).hasMessageContaining("latin1.xml").hasMessageContaining("not UTF-8")
                .hasMessageContaining("line 5"); // the pupil's line, though the parser had read further ahead
        assertThat(e.row()).isEqualTo(5);
    }

    @Test
    void aFileDeclaringAnotherEncodingIsRefused() throws IOException {
        MisReadException e = refused("declared.xml", CtfFixtures.ctf(CtfFixtures.header("full"))
                .replace("encoding=\"UTF-8\"", "encoding=\"ISO-8859-1\""));
        assertThat(e).hasMessageContaining("declared.xml").hasMessageContaining("declares encoding ISO-8859-1");
    }

    @Test
    void aUtf16FileIsRefusedAsNotUtf8() throws IOException {
        byte[] utf16 = ("\uFEFF" + CtfFixtures.ctf(CtfFixtures.header("full"))).getBytes(StandardCharsets.UTF_16LE);
        MisReadException e = refused(Files.write(temp.resolve("utf16.xml"), utf16));
        assertThat(e).hasMessageContaining("utf16.xml").hasMessageContaining("UTF-8");
    }

    @Test
    void aUtf8ByteOrderMarkIsFine() throws Exception {
        Path file = CtfFixtures.write(temp.resolve("bom.xml"), "\uFEFF" + CtfFixtures.ctf(CtfFixtures.header("full"),
                CtfFixtures.pupil("A999400100001", "")));
        assertThat(CtfFixtures.read(file).students()).hasSize(1);
    }

    @Test
    void deeplyNestedElementsAreRefused() throws IOException {
        String open = "<a>".repeat(100);
        String close = "</a>".repeat(100);
        MisReadException e = refused("deep.xml", "<CTfile>" + CtfFixtures.header("full") + "<CTFpupilData><Pupil>" + open + close
                + "</Pupil></CTFpupilData></CTfile>");
        assertThat(e).hasMessageContaining("deep.xml").hasMessageContaining("nest deeper than the limit of 32");
    }

    @Test
    void aHugeAttributeIsRefused() throws IOException {
        MisReadException e = refused("attr.xml", "<CTfile note=\"" + "x".repeat(70_000) + "\"/>");
        assertThat(e).hasMessageContaining("attr.xml").hasMessageContaining("attribute note");
    }

    @Test
    void anUndeclaredEntityReferenceIsRefused() throws IOException {
        MisReadException e = refused("entity.xml", CtfFixtures.ctf(CtfFixtures.header("full"),
                CtfFixtures.pupil("A999400100001", "")).replace("Lee", "&lee;"));
        assertThat(e).hasMessageContaining("entity.xml").hasMessageContaining("lee");
    }

    private static void assertNowhereIn(Throwable e, String secret) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            assertThat(String.valueOf(t.getMessage())).doesNotContain(secret);
            assertThat(t.toString()).doesNotContain(secret);
            for (Throwable s : t.getSuppressed()) {
                assertNowhereIn(s, secret);
            }
        }
    }

    /** A stream of a prefix, {@code count} copies of one byte and a suffix, made as it is read. */
    private static final class Generated extends InputStream {
        private final byte[] prefix;
        private final byte fill;
        private final long count;
        private final byte[] suffix;
        long served;
        boolean closed;

        Generated(String prefix, char fill, long count, String suffix) {
            this.prefix = prefix.getBytes(StandardCharsets.UTF_8);
            this.fill = (byte) fill;
            this.count = count;
            this.suffix = suffix.getBytes(StandardCharsets.UTF_8);
        }

        @Override
        public int read() {
            long i = served;
            int b;
            if (i < prefix.length) {
                b = prefix[(int) i] & 0xff;
            } else if (i < prefix.length + count) {
                b = fill & 0xff;
            } else if (i < prefix.length + count + suffix.length) {
                b = suffix[(int) (i - prefix.length - count)] & 0xff;
            } else {
                return -1;
            }
            served++;
            return b;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) {
            int n = 0;
            while (n < length) {
                int b = read();
                if (b < 0) {
                    return n == 0 ? -1 : n;
                }
                buffer[offset + n++] = (byte) b;
            }
            return n;
        }

        @Override
        public void close() {
            closed = true;
        }
    }
}
