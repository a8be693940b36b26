package org.misbridge.sync.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.misbridge.api.directory.Member;
import org.misbridge.api.directory.SyncOutcome;
import org.misbridge.api.directory.SyncRun;
import org.misbridge.mis.oneroster.internal.Limits;
import org.misbridge.mis.oneroster.internal.OneRosterCsvReader;

/**
 * Issue 17, rule 6: a users.csv that is not UTF-8 is refused at its exact row and column with the
 * bytes shown readably; declared as windows-1252 the same file imports with the names right; a
 * header without a column the reader needs lists the columns it has, in the file's own order.
 */
class OneRosterEncodingTest {

    private static final LocalDate DAY = LocalDate.of(2026, 3, 10);
    private static final String SCHOOL = "fernside";
    private static final Charset WINDOWS_1252 = Charset.forName("windows-1252");

    @TempDir
    Path temp;

    /** 459 pupils; the one on row 451 is Zoë O’Brien, written as Windows-1252 bytes (E9 for é, 92 for ’). */
    private static byte[] users1252() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes((OneRosterFiles.USERS_11 + "\r\n").getBytes(StandardCharsets.US_ASCII));
        for (int row = 2; row <= 460; row++) {
            String id = "s" + row;
            String given = row == 451 ? "Zoé" : "Pupil";
            String family = row == 451 ? "O’Brien" : "Number" + row;
            out.writeBytes((id + ",,,true,org-fern,student," + id + ",," + given + "," + family + ",,,,,,,07,\r\n")
                    .getBytes(WINDOWS_1252));
        }
        return out.toByteArray();
    }

    private static OneRosterFiles fernside(byte[] users) {
        return OneRosterFiles.v11("bulk")
                .csv("orgs.csv", OneRosterFiles.ORGS, "org-fern,,,Fernside School,school,FER,")
                .bytes("users.csv", users)
                .csv("classes.csv", OneRosterFiles.CLASSES)
                .csv("enrollments.csv", OneRosterFiles.ENROLLMENTS);
    }

    private static SyncRun sync(ReaderIntoStore school, Path set, Charset charset) {
        return school.sync(DAY, clock -> new OneRosterCsvReader(SCHOOL, set, null, clock, Limits.defaults(), charset));
    }

    @Test
    void aWindows1252FileIsRefusedAtItsExactRowAndColumnWithTheBytesShownAndNothingChanges() throws Exception {
        ReaderIntoStore school = new ReaderIntoStore(SCHOOL);
        byte[] ascii = new String(users1252(), WINDOWS_1252).replace("Zoé", "Zoe").replace("O’Brien", "OBrien")
                .getBytes(StandardCharsets.UTF_8);
        assertThat(sync(school, fernside(ascii).folder(temp.resolve("ascii")), StandardCharsets.UTF_8).outcome())
                .isEqualTo(SyncOutcome.SUCCESS);
        var before = school.state().members();

        SyncRun run = sync(school, fernside(users1252()).zip(temp.resolve("fernside.zip")), StandardCharsets.UTF_8);

        assertThat(run.outcome()).isEqualTo(SyncOutcome.FAILED);
        assertThat(run.message()).isEqualTo("users.csv, row 451, column givenName: 'Zo\\xE9' is not UTF-8 (the byte "
                + "E9 is not valid there); older UK MIS exports are often Windows-1252: if this one is, set oneroster.csv.encoding="
                + "windows-1252 in the school's OneRoster configuration");
        assertThat(school.state().members()).isEqualTo(before);
    }

    @Test
    void declaredAsWindows1252TheSameFileImportsWithTheNamesRight() throws Exception {
        ReaderIntoStore school = new ReaderIntoStore(SCHOOL);

        SyncRun run = sync(school, fernside(users1252()).folder(temp.resolve("fern")), WINDOWS_1252);

        assertThat(run.outcome()).isEqualTo(SyncOutcome.SUCCESS);
        assertThat(school.member("s451").orElseThrow()).extracting(Member::givenName, Member::familyName)
                .containsExactly("Zo\u00e9", "O\u2019Brien");
        assertThat(school.counts().students()).isEqualTo(459);
    }

    @Test
    void aHeaderWithoutAColumnListsTheColumnsFoundInTheFilesOrder() throws Exception {
        byte[] users = ("sourcedId,status,role,givenName,surname,enabledUser\r\ns1,,student,Ava,Ash,true\r\n")
                .getBytes(StandardCharsets.UTF_8);
        SyncRun run = sync(new ReaderIntoStore(SCHOOL), fernside(users).folder(temp.resolve("columns")), StandardCharsets.UTF_8);

        assertThat(run.outcome()).isEqualTo(SyncOutcome.FAILED);
        assertThat(run.message()).isEqualTo("users.csv, row 1, column familyName: the header has no column familyName "
                + "(found, in file order: sourcedId, status, role, givenName, surname, enabledUser)");
    }
}
