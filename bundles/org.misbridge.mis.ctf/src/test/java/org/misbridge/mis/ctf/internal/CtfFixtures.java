package org.misbridge.mis.ctf.internal;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import org.misbridge.api.model.Snapshot;
import org.misbridge.api.spi.MisReadException;
import org.misbridge.testkit.CtfWriter;

/** Test helpers: a fixed today, readers with default limits, small hand-written CTF documents. */
final class CtfFixtures {

    static final LocalDate TODAY = LocalDate.of(2025, 11, 23);
    static final Clock CLOCK = clockAt(TODAY);

    private CtfFixtures() {
    }

    static Clock clockAt(LocalDate date) {
        return Clock.fixed(date.atTime(12, 0).toInstant(ZoneOffset.UTC), ZoneOffset.UTC);
    }

    static CtfReader reader(Path path) {
        return new CtfReader("school-a", path, null, false, CtfLimits.defaults(), CLOCK);
    }

    static CtfReader reader(Path path, CtfLimits limits) {
        return new CtfReader("school-a", path, null, false, limits, CLOCK);
    }

    static Snapshot read(Path path) throws MisReadException {
        return reader(path).read();
    }

    /** The known school written to {@code folder/known.xml}. */
    static Path knownSchool(Path folder) throws IOException {
        return CtfWriter.knownSchool(TODAY).write(folder.resolve("known.xml"));
    }

    /** A CTF of this header and these {@code <Pupil>} elements. */
    static String ctf(String header, String... pupils) {
        StringBuilder xml = new StringBuilder("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<CTfile>\n").append(header)
                .append("\n<CTFpupilData>\n");
        for (String pupil : pupils) {
            xml.append(pupil).append('\n');
        }
        return xml.append("</CTFpupilData>\n</CTfile>\n").toString();
    }

    /** A CTF header from school 9994001 to 9994002. */
    static String header(String qualifier) {
        return "<Header><DocumentName>Common Transfer File</DocumentName><CTFversion>25.0</CTFversion>"
                + "<DateTime>2025-11-20T10:00:00</DateTime><DocumentQualifier>" + qualifier + "</DocumentQualifier>"
                + "<SourceSchool><LEA>999</LEA><Estab>4001</Estab><SchoolName>Kingsmead Academy</SchoolName></SourceSchool>"
                + "<DestSchool><LEA>999</LEA><Estab>4002</Estab></DestSchool></Header>";
    }

    /** A pupil with this UPN and whatever else (contacts, history) the test gives. */
    static String pupil(String upn, String more) {
        return "<Pupil><UPN>" + upn + "</UPN><Surname>Lee</Surname><Forename>Sam</Forename><DOB>2013-05-01</DOB>"
                + "<Sex>M</Sex><BasicDetails><NCyearActual>7</NCyearActual></BasicDetails>" + more + "</Pupil>";
    }

    static Path write(Path file, String content) throws IOException {
        Files.createDirectories(file.toAbsolutePath().getParent());
        return Files.writeString(file, content, StandardCharsets.UTF_8);
    }
}
