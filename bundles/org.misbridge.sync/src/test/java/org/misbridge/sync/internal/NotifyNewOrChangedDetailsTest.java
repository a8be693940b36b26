package org.misbridge.sync.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.misbridge.api.SchoolProperties;
import org.misbridge.api.directory.DetailKind;
import org.misbridge.api.directory.SyncOutcome;
import org.misbridge.api.directory.SyncRun;
import org.misbridge.api.spi.Notifier;
import org.misbridge.api.spi.Notifier.Change;
import org.misbridge.api.spi.Notifier.DetailNotification;
import org.misbridge.testkit.SchoolGenerator;

/** Rule 9: one notification per new or changed detail, off by default, held back on a first import. */
class NotifyNewOrChangedDetailsTest {

    /** Stands in for the comms platform that would send the welcome texts: it only records. */
    private static final class Recorder implements Notifier {
        final List<DetailNotification> heard = new ArrayList<>();

        @Override
        public void notify(String schoolId, List<DetailNotification> notifications) {
            heard.addAll(notifications);
        }
    }

    private static SyncRun sync(SchoolHarness real) {
        return real.sync();
    }

    /** Replaces one parent's email in users.csv, as the MIS would after a parent told the school. */
    private static void changeFirstParentsEmail(Path dir, String newEmail) throws IOException {
        Path users = dir.resolve("users.csv");
        List<String> lines = new ArrayList<>(Files.readAllLines(users));
        for (int i = 1; i < lines.size(); i++) {
            String[] cols = lines.get(i).split(",", -1);
            if ("parent".equals(cols[5]) && cols[12].contains("@")) {
                cols[12] = newEmail;
                lines.set(i, String.join(",", cols));
                Files.write(users, lines);
                return;
            }
        }
        throw new IllegalStateException("no parent with an email in " + users);
    }

    @Test
    void aChangedEmailIsAnnouncedOnceAndTheFirstImportIsHeldBack(@TempDir Path dir) throws IOException {
        SchoolGenerator.writeOneRosterCsv(SchoolGenerator.Spec.of("org-n", 40, 8L), dir);
        SchoolHarness real = SchoolHarness.school("notify").csv(dir).settings(Map.of("notify_newOrChangedDetails", true)).build();
        Recorder recorder = new Recorder();
        real.component().bindNotifier(recorder, Map.of());

        SyncRun first = sync(real);
        assertThat(first.outcome()).isEqualTo(SyncOutcome.SUCCESS);
        assertThat(recorder.heard).isEmpty();
        assertThat(first.message()).contains("first import").contains("held back");

        changeFirstParentsEmail(dir, "new.address@example.org");
        SyncRun second = sync(real);

        assertThat(second.outcome()).isEqualTo(SyncOutcome.SUCCESS);
        assertThat(recorder.heard).singleElement().satisfies(n -> {
            assertThat(n.kind()).isEqualTo(DetailKind.EMAIL);
            assertThat(n.value()).isEqualTo("new.address@example.org");
            assertThat(n.change()).isEqualTo(Change.CHANGED);
        });
        sync(real);
        assertThat(recorder.heard).hasSize(1);
    }

    @Test
    void nothingIsAnnouncedWhenSwitchedOffAndANotifierForAnotherSchoolHearsNothing(@TempDir Path dir) throws IOException {
        SchoolGenerator.writeOneRosterCsv(SchoolGenerator.Spec.of("org-n", 40, 8L), dir);
        SchoolHarness off = SchoolHarness.school("quiet").csv(dir).build();
        Recorder offRecorder = new Recorder();
        off.component().bindNotifier(offRecorder, Map.of());
        SchoolHarness on = SchoolHarness.school("loud").csv(dir)
                .settings(Map.of("notify_newOrChangedDetails", true, "notify_onFirstImport", true)).build();
        Recorder elsewhere = new Recorder();
        Recorder mine = new Recorder();
        on.component().bindNotifier(elsewhere, Map.of(SchoolProperties.SCHOOL_ID, "another-school"));
        on.component().bindNotifier(mine, Map.of(SchoolProperties.SCHOOL_ID, "loud"));

        sync(off);
        sync(on);

        assertThat(offRecorder.heard).isEmpty();
        assertThat(elsewhere.heard).isEmpty();
        assertThat(mine.heard).isNotEmpty().allMatch(n -> n.change() == Change.NEW);
        assertThat(mine.heard).hasSize(on.directory().load("loud").details().size());
    }
}
