package org.misbridge.sync.internal;

import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;
import org.jspecify.annotations.Nullable;
import org.misbridge.api.SyncOptions;
import org.misbridge.api.directory.ContactDetail;
import org.misbridge.api.directory.DataIssue;
import org.misbridge.api.directory.DirectoryState;
import org.misbridge.api.directory.Link;
import org.misbridge.api.directory.SyncRun;
import org.misbridge.api.model.Contact;
import org.misbridge.api.model.ContactLink;
import org.misbridge.api.model.Coverage;
import org.misbridge.api.model.Email;
import org.misbridge.api.model.EmailLocation;
import org.misbridge.api.model.Enrolment;
import org.misbridge.api.model.Group;
import org.misbridge.api.model.ParentalResponsibility;
import org.misbridge.api.model.Snapshot;
import org.misbridge.api.model.Staff;
import org.misbridge.api.model.Student;
import org.misbridge.api.model.Telephone;
import org.misbridge.api.model.TelephoneType;
import org.misbridge.api.spi.MisReader;
import org.misbridge.store.jdbc.internal.JdbcDirectory;
import org.misbridge.sync.plan.DeletionThreshold;
import org.misbridge.sync.plan.ImportSettings;
import org.misbridge.testkit.PostgresSchema;

/**
 * A school whose MIS holds exactly what the test writes into it, synced through the real runner
 * into the real store: an in-memory H2, or a fresh schema on the test PostgreSQL (skipped where
 * there is none, unless CI requires it).
 */
final class RecordedSchool implements AutoCloseable {

    /** The databases a store test runs on. */
    enum Store {
        H2,
        POSTGRESQL
    }

    static final String ID = "recorded";
    static final ZoneId LONDON = ZoneId.of("Europe/London");

    final List<Student> students = new ArrayList<>();
    final List<Staff> staff = new ArrayList<>();
    final List<Contact> contacts = new ArrayList<>();
    final List<ContactLink> links = new ArrayList<>();
    final List<Group> groups = new ArrayList<>();
    Coverage coverage = Coverage.WHOLE_ROLL;
    LocalDate today = LocalDate.of(2026, 11, 23);
    final JdbcDirectory directory;
    /** The store's database, for a test that writes rows as an older version did. */
    final DataSource dataSource;
    private final @Nullable PostgresSchema postgres;

    RecordedSchool(Store store) {
        if (store == Store.POSTGRESQL) {
            try {
                postgres = PostgresSchema.fresh("misbridge_recorded");
            } catch (SQLException e) {
                throw new IllegalStateException(e);
            }
            dataSource = postgres.dataSource();
        } else {
            postgres = null;
            dataSource = SchoolHarness.h2();
        }
        directory = SchoolHarness.migrated(dataSource);
    }

    /** The MIS as it is when read: the lists as they are at that moment. */
    final MisReader mis = new MisReader() {
        @Override
        public String kind() {
            return "recorded";
        }

        @Override
        public Snapshot read() {
            return new Snapshot(ID, "Recorded School", coverage, Instant.EPOCH, List.copyOf(students), List.copyOf(staff),
                    List.copyOf(contacts), List.copyOf(links), List.copyOf(groups), List.of());
        }
    };

    // --- the MIS as a test writes it

    void onRoll(String id) {
        students.add(new Student(id, null, "Pupil", id, "7", "7A", Enrolment.onRoll(LocalDate.of(2025, 9, 1), null)));
    }

    void onRoll(int count) {
        for (int i = 1; i <= count; i++) {
            onRoll(String.format("s%04d", i));
        }
    }

    /** A contact with one Home email (when given) and one Mobile telephone (when given). */
    void contact(String id, @Nullable String email, @Nullable String mobile) {
        contacts.add(new Contact(id, "Parent", id,
                email == null ? List.of() : List.of(new Email(email, EmailLocation.HOME)),
                mobile == null ? List.of() : List.of(new Telephone(mobile, TelephoneType.MOBILE))));
    }

    void link(String student, String contact, int priority) {
        links.add(new ContactLink(student, contact, priority, ParentalResponsibility.YES, "Parent"));
    }

    // --- syncing and looking

    SyncRun sync(ImportSettings settings) {
        return sync(settings, DeletionThreshold.defaults(), SyncOptions.normal());
    }

    SyncRun sync(ImportSettings settings, DeletionThreshold threshold, SyncOptions options) {
        Clock clock = Clock.fixed(today.atTime(6, 0).atZone(LONDON).toInstant(), ZoneOffset.UTC);
        return new SyncRunner(ID, mis, directory, directory.preferences(), directory.deletions(), RunnerSettings.of(settings, threshold, LONDON, clock)).run(options);
    }

    SyncRun sync() {
        return sync(ImportSettings.defaults());
    }

    DirectoryState state() {
        return directory.load(ID);
    }

    List<Link> linksOf(String student) {
        return state().links().stream().filter(l -> l.memberId().equals(student)).toList();
    }

    List<ContactDetail> detailsOf(String owner) {
        return state().details().stream().filter(d -> d.ownerId().equals(owner)).toList();
    }

    List<DataIssue> issues(String kind) {
        return state().dataIssues().stream().filter(i -> i.kind().equals(kind)).toList();
    }

    @Override
    public void close() throws SQLException {
        if (postgres != null) {
            postgres.close();
        }
    }
}
