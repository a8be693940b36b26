package org.misbridge.sync.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.lang.reflect.Field;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.apache.karaf.shell.api.action.Action;
import org.junit.jupiter.api.Test;
import org.misbridge.api.directory.ChangeSet;
import org.misbridge.api.directory.Changes;
import org.misbridge.api.directory.DataIssue;
import org.misbridge.api.directory.Link;
import org.misbridge.api.directory.LinkedPerson;
import org.misbridge.api.directory.Member;
import org.misbridge.api.directory.MemberKind;
import org.misbridge.api.directory.Origin;
import org.misbridge.api.directory.SyncOutcome;
import org.misbridge.api.directory.SyncRun;
import org.misbridge.api.model.EnrolmentState;
import org.misbridge.api.model.ParentalResponsibility;
import org.misbridge.scheduler.internal.SyncScheduler;
import org.misbridge.sync.command.IssuesCommand;
import org.misbridge.sync.command.MemberCommand;
import org.misbridge.sync.command.StatusCommand;

/**
 * Issue 18, item 12: the console escapes control and bidirectional characters when it prints
 * names, ids and reasons, whatever put them in the directory (a row stored before import cleaned
 * them, a web portal): a name carrying a newline cannot start a line of its own, and U+202E cannot
 * turn the rest of the line around.
 */
class ConsoleEscapesNamesTest {

    private static final String HOSTILE_GIVEN = "Ann\u202Eevil";
    private static final String HOSTILE_FAMILY = "Lee\nFAKE LINE\u0000";

    @Test
    void memberIssuesAndStatusPrintControlCharactersEscaped() throws Exception {
        SyncScheduler scheduler = SchoolHarness.newScheduler();
        try (RecordedSchool school = new RecordedSchool(RecordedSchool.Store.H2)) {
            Member pupil = new Member("s1", MemberKind.STUDENT, HOSTILE_GIVEN, HOSTILE_FAMILY, "7", "7A", EnrolmentState.ON_ROLL,
                    null, LocalDate.of(2025, 9, 1), null, Origin.MANUAL);
            LinkedPerson parent = new LinkedPerson("p1", "Jo\u001B[31m", "Red", Origin.MANUAL);
            Link link = new Link("s1", "p1", 1, true, null, ParentalResponsibility.YES, Origin.MANUAL);
            school.directory.apply(RecordedSchool.ID, new ChangeSet(new Changes<>(List.of(pupil), List.of(), List.of()),
                    new Changes<>(List.of(parent), List.of(), List.of()), new Changes<>(List.of(link), List.of(), List.of()),
                    Changes.none(), Changes.none(), Changes.none(),
                    List.of(new DataIssue("invalid-text", "s1", null, "given name", "reason with a\nbreak"))),
                    new SyncRun(java.time.Instant.EPOCH, java.time.Instant.EPOCH, SyncOutcome.SUCCESS, 1, 0, 0, "read 'x\u202Ey'"));
            SyncServiceComponent service = SchoolHarness.school(RecordedSchool.ID).reader(school.mis).store(school.directory)
                    .scheduler(scheduler).onDemand().build().service();

            String member = run(inject(new MemberCommand(), service, school, Map.of("memberId", "s1")));
            String issues = run(inject(new IssuesCommand(), service, school, Map.of()));
            String status = run(inject(new StatusCommand(), service, school, Map.of()));

            assertThat(member).contains("Ann\\u202Eevil Lee\\nFAKE LINE\\u0000").contains("Jo\\u001B[31m Red");
            assertThat(issues).contains("reason with a\\nbreak");
            assertThat(status).contains("read 'x\\u202Ey'");
            for (String out : List.of(member, issues, status)) {
                assertThat(out).doesNotContain("\u202E", "\u0000", "\u001B", "FAKE LINE\n", "a\nbreak");
                assertThat(out.lines()).noneMatch(l -> l.startsWith("FAKE LINE"));
            }
        } finally {
            scheduler.stop();
        }
    }

    /** The command with its references and arguments set, as the Karaf shell would set them. */
    private static Action inject(Action command, SyncServiceComponent service, RecordedSchool school, Map<String, Object> more)
            throws ReflectiveOperationException {
        set(command, "syncService", service);
        set(command, "directory", school.directory);
        set(command, "school", RecordedSchool.ID);
        for (Map.Entry<String, Object> e : more.entrySet()) {
            set(command, e.getKey(), e.getValue());
        }
        return command;
    }

    private static void set(Object target, String name, Object value) throws ReflectiveOperationException {
        for (Class<?> c = target.getClass(); c != null; c = c.getSuperclass()) {
            try {
                Field f = c.getDeclaredField(name);
                f.setAccessible(true);
                f.set(target, value);
                return;
            } catch (NoSuchFieldException e) {
                // declared higher up
            }
        }
        throw new NoSuchFieldException(name);
    }

    private static String run(Action command) throws Exception {
        PrintStream out = System.out;
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        System.setOut(new PrintStream(printed, true, StandardCharsets.UTF_8));
        try {
            command.execute();
        } finally {
            System.setOut(out);
        }
        return printed.toString(StandardCharsets.UTF_8);
    }
}
