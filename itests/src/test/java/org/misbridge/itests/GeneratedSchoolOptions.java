package org.misbridge.itests;

import static org.ops4j.pax.exam.CoreOptions.systemProperty;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.LocalDate;
import org.misbridge.testkit.GeneratedSchool;
import org.misbridge.testkit.SchoolGenerator;
import org.ops4j.pax.exam.Option;

/**
 * Generates a school on the driver side, before Karaf boots, and hands its folder and the
 * generator's own counts to the container as system properties.
 */
final class GeneratedSchoolOptions {

    private GeneratedSchoolOptions() {
    }

    static Option[] generate(String orgId, int students, long seed) {
        Path folder = Path.of(System.getProperty("misbridge.itest.work", "target/itest-work"), orgId).toAbsolutePath();
        try {
            GeneratedSchool school = SchoolGenerator.writeOneRosterCsv(
                    new SchoolGenerator.Spec(orgId, "Greenfield Primary", students, seed, LocalDate.now()), folder);
            return new Option[] {
                systemProperty("it.school.path").value(folder.toString()),
                systemProperty("it.school.org").value(orgId),
                systemProperty("it.expected.students").value(String.valueOf(school.onRoll())),
                systemProperty("it.expected.preAdmissions").value(String.valueOf(school.preAdmissions())),
                systemProperty("it.expected.leavers").value(String.valueOf(school.leavers())),
                systemProperty("it.expected.staff").value(String.valueOf(school.staff())),
                systemProperty("it.expected.contacts").value(String.valueOf(school.contacts())),
                systemProperty("it.expected.primeParents").value(String.valueOf(school.primeParents())),
                systemProperty("it.expected.groups").value(String.valueOf(school.classes())),
                systemProperty("it.expected.dataIssues").value(String.valueOf(school.invalidEmails() + school.invalidMobiles())),
            };
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
