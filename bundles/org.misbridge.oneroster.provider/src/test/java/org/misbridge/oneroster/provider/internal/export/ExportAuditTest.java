package org.misbridge.oneroster.provider.internal.export;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.misbridge.api.AuditTrail;
import org.misbridge.api.directory.AuditRecord;
import org.misbridge.api.directory.SyncOutcome;
import org.misbridge.sync.internal.ExportFolderComponent;

/**
 * {@code school:export-oneroster} leaves an audit record per file written, in the real store's trail
 * on H2 (what {@code school:audit} reads) and as the {@code org.misbridge.audit} log line; a refused
 * export leaves none, and a file whose record cannot be written does not stay.
 */
class ExportAuditTest {
    private static final String SCHOOL = "hill";
    private static final Instant NOW = Instant.parse("2026-12-03T12:00:00Z");
    private Path exports;
    private SyncedSchool hill;

    /** Two students, each with a parent, and a teacher of their class: five users to export. */
    @BeforeEach
    void syncASmallSchool(@TempDir Path dir) throws Exception {
        Path mis = Files.createDirectories(dir.resolve("mis"));
        Files.writeString(mis.resolve("manifest.csv"), "propertyName,value\nmanifest.version,1.0\noneroster.version,1.1\n");
        Files.writeString(mis.resolve("orgs.csv"), "sourcedId,status,dateLastModified,name,type,identifier,parentSourcedId\n"
                + "hill,,,Hill School,school,,\n");
        Files.writeString(mis.resolve("classes.csv"), "sourcedId,status,dateLastModified,title,grades,courseSourcedId,"
                + "classCode,classType,location,schoolSourcedId,termSourcedIds,subjects,subjectCodes,periods\n"
                + "MATH,,,Maths 7A,,,,scheduled,,hill,,,,\n");
        Files.writeString(mis.resolve("enrollments.csv"), "sourcedId,status,dateLastModified,classSourcedId,schoolSourcedId,"
                + "userSourcedId,role,primary,beginDate,endDate\n"
                + "e1,,,MATH,hill,S1,student,false,,\ne2,,,MATH,hill,S2,student,false,,\ne3,,,MATH,hill,T1,teacher,true,,\n");
        Files.writeString(mis.resolve("users.csv"), "sourcedId,status,dateLastModified,enabledUser,orgSourcedIds,role,"
                + "username,userIds,givenName,familyName,middleName,identifier,email,sms,phone,agentSourcedIds,grades,password\n"
                + "S1,,,TRUE,hill,student,a1,,Amy,Able,,,,,,P1,07,\n"
                + "S2,,,TRUE,hill,student,b2,,Ben,Baker,,,,,,P2,07,\n"
                + "P1,,,TRUE,hill,parent,p1,,Pat,Able,,,pat@example.org,07700900001,,S1,,\n"
                + "P2,,,TRUE,hill,parent,p2,,Sam,Baker,,,sam@example.org,07700900002,,S2,,\n"
                + "T1,,,TRUE,hill,teacher,t1,,Tom,One,,,t1@hill.example,,,,,\n");
        hill = SyncedSchool.fromCsv(SCHOOL, mis);
        assertThat(hill.sync().outcome()).isEqualTo(SyncOutcome.SUCCESS);
        exports = Files.createDirectories(dir.resolve("exports"));
    }

    private OneRosterExport export(AuditTrail trail) {
        return new OneRosterExport(hill.directory, hill.service, trail,
                new ExportFolderComponent(exports.toString(), null, null, List.of()), Clock.fixed(NOW, ZoneOffset.UTC));
    }

    private List<AuditRecord> trail() {
        return hill.directory.auditTrail().auditTrail(SCHOOL, 10);
    }

    @Test
    void eachExportIsInTheSchoolsTrailAndTheAuditLog() throws Exception {
        PrintStream err = System.err;
        ByteArrayOutputStream log = new ByteArrayOutputStream();
        OneRosterExport.Written written;
        try {
            System.setErr(new PrintStream(log, true, StandardCharsets.UTF_8));
            written = export(hill.directory.auditTrail()).export(SCHOOL, "hill-roster", "operator1");
        } finally {
            System.setErr(err);
        }
        assertThat(written.file().getFileName()).hasToString("hill-roster.zip");
        assertThat(trail()).containsExactly(new AuditRecord(NOW, "operator1", "export-oneroster", "hill-roster.zip", 5));
        assertThat(log.toString(StandardCharsets.UTF_8)).contains("org.misbridge.audit",
                "user=operator1 school=hill action=export-oneroster target=hill-roster.zip count=5");
    }

    @Test
    void aRefusedExportWritesNoRecord() throws Exception {
        OneRosterExport export = export(hill.directory.auditTrail());
        export.export(SCHOOL, "once.zip", "operator1");
        assertThatThrownBy(() -> export.export(SCHOOL, "once.zip", "operator1")).isInstanceOf(FileAlreadyExistsException.class);
        assertThatThrownBy(() -> export.export(SCHOOL, "../elsewhere.zip", "operator1"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(trail()).extracting(AuditRecord::target).containsExactly("once.zip");
    }

    @Test
    void aFileWhoseRecordCannotBeWrittenIsRemoved() throws Exception {
        AuditTrail failing = new AuditTrail() {
            @Override
            public void audit(String schoolId, AuditRecord record) {
                throw new IllegalStateException("the database is read-only");
            }

            @Override
            public List<AuditRecord> auditTrail(String schoolId, int limit) {
                return List.of();
            }
        };
        assertThatThrownBy(() -> export(failing).export(SCHOOL, "unrecorded.zip", "operator1"))
                .hasMessageContaining("audit record could not be written, so the file was removed");
        try (var files = Files.list(exports)) {
            assertThat(files.map(p -> p.getFileName().toString())).isEmpty();
        }
    }
}
