package org.misbridge.sync.internal;

import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;
import org.h2.jdbcx.JdbcDataSource;
import org.misbridge.api.SyncOptions;
import org.misbridge.api.directory.ContactDetail;
import org.misbridge.api.directory.DataIssue;
import org.misbridge.api.directory.DirectoryState;
import org.misbridge.api.directory.Link;
import org.misbridge.api.directory.Member;
import org.misbridge.api.directory.SchoolCounts;
import org.misbridge.api.directory.SyncRun;
import org.misbridge.api.spi.MisReader;
import org.misbridge.store.jdbc.internal.JdbcDirectory;
import org.misbridge.sync.plan.DeletionThreshold;
import org.misbridge.sync.plan.ImportSettings;

/**
 * A real reader synced by the real runner into the real store (H2 in memory), on a day the test
 * chooses: the reader and the sync see the same fixed clock, 06:00 in London on that day.
 */
final class ReaderIntoStore {

    static final ZoneId LONDON = ZoneId.of("Europe/London");

    final String school;
    final JdbcDirectory directory;
    private ImportSettings settings = ImportSettings.defaults();

    /**
     * A deletion threshold that lets every change through: these tests are about what readers
     * deliver, and their schools of a few pupils would be over the threshold's floor (a leaver or a
     * class gone among three is more than a quarter); SmallSchoolThresholdTest is about the threshold.
     */
    private static final DeletionThreshold ALL_CHANGES = new DeletionThreshold(100, Integer.MAX_VALUE, 100, Integer.MAX_VALUE);

    ReaderIntoStore(String school) {
        this.school = school;
        JdbcDataSource ds = new JdbcDataSource();
        ds.setURL("jdbc:h2:mem:" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
        directory = new JdbcDirectory(ds);
        directory.migrate();
    }

    ReaderIntoStore settings(ImportSettings importSettings) {
        this.settings = importSettings;
        return this;
    }

    static Clock clockOn(LocalDate day) {
        return Clock.fixed(day.atTime(6, 0).atZone(LONDON).toInstant(), ZoneOffset.UTC);
    }

    /** Syncs once with a reader made for {@code day}'s clock. */
    SyncRun sync(LocalDate day, Function<Clock, MisReader> reader) {
        return sync(day, reader, SyncOptions.normal());
    }

    /** As {@link #sync}, forced: read and planned even where the files are those of the last sync. */
    SyncRun syncForced(LocalDate day, Function<Clock, MisReader> reader) {
        return sync(day, reader, new SyncOptions(false, true));
    }

    private SyncRun sync(LocalDate day, Function<Clock, MisReader> reader, SyncOptions options) {
        Clock clock = clockOn(day);
        return new SyncRunner(school, reader.apply(clock), directory, directory.preferences(), directory.deletions(),
                RunnerSettings.of(settings, ALL_CHANGES, LONDON, clock)).run(options);
    }

    DirectoryState state() {
        return directory.load(school);
    }

    SchoolCounts counts() {
        return directory.counts(school);
    }

    Optional<Member> member(String id) {
        return state().members().stream().filter(m -> m.id().equals(id)).findFirst();
    }

    List<Link> linksOf(String studentId) {
        return state().links().stream().filter(l -> l.memberId().equals(studentId)).toList();
    }

    List<ContactDetail> detailsOf(String ownerId) {
        return state().details().stream().filter(d -> d.ownerId().equals(ownerId)).toList();
    }

    List<DataIssue> issues() {
        return directory.dataIssues(school);
    }
}
