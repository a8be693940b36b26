package org.misbridge.mis.ctf.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.misbridge.api.model.Snapshot;
import org.misbridge.testkit.CtfWriter;

/** A whole secondary school in one CTF: every pupil, contact and link comes through, accented names intact. */
class CtfVolumeTest {

    private static final String[] FORENAMES = {"Zoë", "Siân", "Øyvind", "Aoife", "Chloé", "Łukasz", "Nuño", "José"};

    @TempDir
    Path temp;

    @Test
    void aSchoolOf1500FamiliesReadsBackWithEveryPupilAndOneContactPerParent() throws Exception {
        List<CtfWriter.Pupil> pupils = new ArrayList<>();
        int families = 1500;
        int siblings = 0;
        for (int f = 0; f < families; f++) {
            String surname = "Família-" + f;
            CtfWriter.Contact mum = CtfWriter.Contact.of(1, "Mrs", FORENAMES[f % FORENAMES.length], surname, "PAR", true,
                    new CtfWriter.Phone("M", String.format(Locale.ROOT, "07700 9%05d", f))).withEmails("family" + f + "@example.org");
            CtfWriter.Contact dad = CtfWriter.Contact.of(2, "Mr", "Dave", surname, "PAR", f % 3 != 0,
                    new CtfWriter.Phone("W", String.format(Locale.ROOT, "01632 9%05d", f)));
            int children = f % 4 == 0 ? 2 : 1;
            siblings += children - 1;
            for (int c = 0; c < children; c++) {
                String upn = String.format(Locale.ROOT, "B%012d", f * 10L + c);
                pupils.add(CtfWriter.Pupil.of(upn, FORENAMES[(f + c + 3) % FORENAMES.length], surname,
                        CtfFixtures.TODAY.minusYears(12), "F", Integer.toString(7 + (f + c) % 5)).withContacts(mum, dad));
            }
        }
        Path file = CtfWriter.write(CtfWriter.Header.ctf(CtfWriter.knownSchool(), CtfWriter.knownSchool(), true,
                CtfFixtures.TODAY.atTime(9, 0)), pupils, temp.resolve("school.xml"));
        assertThat(Files.size(file)).isGreaterThan(1_000_000L);

        Snapshot snapshot = org.junit.jupiter.api.Assertions.assertTimeoutPreemptively(Duration.ofSeconds(30),
                () -> CtfFixtures.read(file));

        assertThat(snapshot.students()).hasSize(families + siblings);
        assertThat(snapshot.contacts()).hasSize(2 * families);
        assertThat(snapshot.links()).hasSize(2 * (families + siblings));
        assertThat(snapshot.groups()).hasSize(5);
        assertThat(snapshot.students().get(0).givenName()).isEqualTo("Aoife");
        assertThat(snapshot.contacts().get(0).givenName()).isEqualTo("Zoë");
        assertThat(snapshot.contacts()).extracting(c -> c.familyName()).allMatch(n -> n.startsWith("Família-"));
    }
}
