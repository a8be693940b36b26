package org.misbridge.itests;

import static org.ops4j.pax.exam.CoreOptions.systemProperty;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.List;
import org.misbridge.testkit.CtfWriter;
import org.misbridge.testkit.FakeWonde;
import org.ops4j.pax.exam.Option;

/**
 * The driver-side parts of the three-reader test: a Wonde API on 127.0.0.1 serving the testkit's
 * sample school (its token in a file), and a CTF file in which two siblings share their parents at
 * different priorities.
 */
final class ThreeReadersOptions {

    static final String WONDE_TOKEN = "itest-wonde-token-8d2a71";
    static final String CTF_SIBLING_A = "A100000000001";
    static final String CTF_SIBLING_B = "A100000000002";
    static final String CTF_ONLY_CHILD = "A100000000003";

    private static FakeWonde wonde;

    private ThreeReadersOptions() {
    }

    static synchronized Option[] prepare() {
        Path work = Path.of(System.getProperty("misbridge.itest.work", "target/itest-work")).toAbsolutePath();
        try {
            Files.createDirectories(work);
            if (wonde == null) {
                wonde = FakeWonde.start(FakeWonde.School.sample(), WONDE_TOKEN);
            }
            Path tokenFile = Files.writeString(work.resolve("wonde-token"), WONDE_TOKEN + "\n");
            Path ctf = writeCtf(work.resolve("ctf").resolve("999_4001_CTF_999_4002_001.xml"));
            return new Option[] {
                systemProperty("it.wonde.baseUrl").value(wonde.baseUrl().toString()),
                systemProperty("it.wonde.schoolId").value(wonde.school().wondeId()),
                systemProperty("it.wonde.tokenFile").value(tokenFile.toString()),
                systemProperty("it.wonde.controlUrl").value(wonde.controlUrl().toString()),
                systemProperty("it.ctf.path").value(ctf.getParent().toString()),
            };
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Path writeCtf(Path file) throws IOException {
        Files.createDirectories(file.getParent());
        CtfWriter.School from = new CtfWriter.School("999", "4001", "Hillside Primary");
        CtfWriter.School to = new CtfWriter.School("999", "4002", "Valley Academy");
        LocalDate entry = LocalDate.now().minusYears(2);
        CtfWriter.Contact mum = CtfWriter.Contact.of(1, "Mrs", "Helen", "Orchard", "MUM", true,
                new CtfWriter.Phone("M", "07700900201")).withEmails("helen.orchard@example.org");
        CtfWriter.Contact dad = CtfWriter.Contact.of(2, "Mr", "Gareth", "Orchard", "DAD", true,
                new CtfWriter.Phone("M", "07700900202"));
        CtfWriter.Contact dadFirst = CtfWriter.Contact.of(1, "Mr", "Gareth", "Orchard", "DAD", true,
                new CtfWriter.Phone("M", "07700900202"));
        CtfWriter.Contact mumSecond = CtfWriter.Contact.of(2, "Mrs", "Helen", "Orchard", "MUM", true,
                new CtfWriter.Phone("M", "07700900201")).withEmails("helen.orchard@example.org");
        CtfWriter.Contact gran = CtfWriter.Contact.of(3, null, "Iris", "Orchard", "REL", false,
                new CtfWriter.Phone("H", "01632960210"));
        CtfWriter.Contact carer = CtfWriter.Contact.of(1, "Ms", "Nia", "Brook", "CAR", true,
                new CtfWriter.Phone("M", "07700900203"));
        List<CtfWriter.Pupil> pupils = List.of(
                CtfWriter.Pupil.of(CTF_SIBLING_A, "Owen", "Orchard", LocalDate.of(2015, 3, 4), "M", "5")
                        .withContacts(mum, dad, gran).withHistory(new CtfWriter.Stay(from, entry, null, null)),
                CtfWriter.Pupil.of(CTF_SIBLING_B, "Ruby", "Orchard", LocalDate.of(2017, 6, 9), "F", "3")
                        .withContacts(dadFirst, mumSecond).withHistory(new CtfWriter.Stay(from, entry, null, null)),
                CtfWriter.Pupil.of(CTF_ONLY_CHILD, "Kai", "Brook", LocalDate.of(2016, 1, 20), "M", "4")
                        .withContacts(carer).withHistory(new CtfWriter.Stay(from, entry, null, null)));
        return CtfWriter.write(CtfWriter.Header.ctf(from, to, true, LocalDateTime.now().minusHours(1)), pupils, file);
    }
}
