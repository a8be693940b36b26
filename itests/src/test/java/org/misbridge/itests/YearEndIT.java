package org.misbridge.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Types;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import javax.inject.Inject;
import javax.sql.DataSource;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.misbridge.api.directory.DirectoryState;
import org.misbridge.api.directory.Link;
import org.misbridge.api.directory.Member;
import org.misbridge.api.model.EnrolmentState;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;
import org.ops4j.pax.exam.util.Filter;

/**
 * A school's year end in the assembly, as an operator does it with school:* commands: the report
 * downloaded first, a duplicate merged, the leavers (with money and bookings outstanding) exported
 * and deleted through the queue, their parents' wallets closed and settled, last year's custom group
 * archived, the retention period extended, and what is kept about the deleted anonymised once the
 * (test-shortened) retention period has passed, with no name, email or mobile of theirs left in
 * any table.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class YearEndIT extends MisBridgeTestSupport {

    private static final String SCHOOL = "oakfield";

    @Inject
    @Filter("(dataSourceName=misbridge)")
    private DataSource dataSource;

    @Configuration
    public Option[] config() {
        return with(baseOptions(), GeneratedSchoolOptions.generate("org-oakfield", 400, 31L));
    }

    @Test
    public void aYearEnd() throws Exception {
        Path folder = Path.of(System.getProperty("it.school.path"));
        // files that commands write go into the export folder, by name (org.misbridge.exports; default data/misbridge/exports)
        Path work = Path.of(System.getProperty("karaf.data"), "misbridge", "exports");
        dropConfig("org.misbridge.mis.oneroster-" + SCHOOL + ".cfg",
                "school.id=" + SCHOOL + "\ncsv.path=" + folder + "\norg.sourcedId=" + System.getProperty("it.school.org") + "\n");
        dropConfig("org.misbridge.sync-" + SCHOOL + ".cfg", String.join("\n", "school.id=" + SCHOOL,
                "reader.target=(school.id=" + SCHOOL + ")", "contacts.maxPriority=2", "schedule=", ""));
        dropConfig("org.misbridge.leavers-" + SCHOOL + ".cfg", "school.id=" + SCHOOL + "\nanonymiseAfterDays=14\n");
        awaitOutput("school:anonymise " + SCHOOL, out -> out.contains("deleted member"));
        assertContains(executeCommand("school:sync " + SCHOOL), "created");
        LocalDate today = LocalDate.now(ZoneId.of("Europe/London"));

        // the leavers the sync marked, and what is still owed around them
        DirectoryState start = directory.load(SCHOOL);
        List<Member> leavers = start.members().stream().filter(m -> m.state() == EnrolmentState.LEAVER).toList();
        assertTrue("the generated school has leavers: " + leavers.size(), leavers.size() >= 3);
        for (Member leaver : leavers) {
            for (Link l : linksOf(start, leaver.id())) {
                assertContains(executeCommandAs("operator", "school:record-balance " + SCHOOL + " " + l.personId() + " 5.00",
                        "operator"), "holds 5.00");
            }
        }
        Member booked = leavers.get(0);
        executeCommandAs("operator", "school:record-booking " + SCHOOL + " " + booked.id() + " " + today.plusDays(2)
                + " 2.30 Leavers lunch for " + booked.givenName() + " " + booked.familyName(), "operator");
        assertContains(executeCommand("school:leavers " + SCHOOL), "1 outstanding booking(s) worth 2.30", "holds 5.00");

        // the report first
        Path report = work.resolve("before-year-end.csv");
        assertContains(executeCommandAs("operator", "school:report " + SCHOOL + " before-year-end.csv", "operator"),
                "Wrote " + start.members().size() + " member(s)");
        List<String> rows = Files.readAllLines(report);
        assertTrue(rows.get(0), rows.get(0).startsWith("member_id,kind,state"));
        assertEquals(start.members().size() + 1, rows.size());
        assertContains(executeFailingCommandAs("operator", "school:report " + SCHOOL + " before-year-end.csv", "operator"),
                "exists already", "nothing changed");

        // a pupil re-enrolled under a new id: the old record (a leaver) is merged into the new one
        Member duplicate = leavers.get(leavers.size() - 1);
        Member keep = start.members().stream().filter(m -> m.state() == EnrolmentState.ON_ROLL
                && adultsAfterMerge(start, m.id(), duplicate.id()) <= 4 && adultsAfterMerge(start, m.id(), duplicate.id())
                > linksOf(start, m.id()).size()).findFirst().orElseThrow();
        assertContains(executeCommand("school:merge-students " + SCHOOL + " " + keep.id() + " " + duplicate.id()), "Run again with --yes");
        assertContains(executeCommand("school:merge-students " + SCHOOL + " " + keep.id() + " " + duplicate.id() + " --yes"), "Merged");
        assertContains(executeFailingCommand("school:member " + SCHOOL + " " + duplicate.id()), "No member");
        JsonNode kept = json(executeCommand("school:member --json " + SCHOOL + " " + keep.id()));
        for (Link l : linksOf(start, duplicate.id())) {
            assertTrue(kept.toString(), kept.get("links").toString().contains(l.personId()));
        }
        List<Member> deleting = leavers.subList(0, leavers.size() - 1);

        // the leavers: shown with their warnings, exported, deleted through the queue
        assertContains(executeCommand("school:delete-leavers --all " + SCHOOL), "Warning:", "Run again with --yes");
        assertContains(executeCommandAs("operator", "school:delete-leavers --all " + SCHOOL, "operator"), "Run again with --yes");
        Path export = work.resolve("leavers.json");
        String deleted = executeCommand("school:delete-leavers --export leavers.json --all " + SCHOOL + " --yes --wait");
        assertContains(deleted, "Exported " + deleting.size() + " member(s)", "Queued " + deleting.size() + " leaver(s)", "Done");
        String exported = Files.readString(export);
        deleting.forEach(m -> assertTrue(m.id(), exported.contains(m.id())));
        assertEquals(0, json(executeCommand("school:leavers --json " + SCHOOL)).get("leavers").size());
        DirectoryState afterDeletion = directory.load(SCHOOL);

        // their parents' wallets: those with no child staying close and settle; the others stay open
        JsonNode toClose = json(executeCommand("school:wallets " + SCHOOL + " --leavers --json"));
        assertTrue("wallets to close: " + toClose, toClose.size() > 0);
        for (JsonNode w : toClose) {
            String id = w.get("wallet").asText();
            assertContains(executeCommand("school:close-wallet " + SCHOOL + " " + id), "never reopens", "--yes");
            assertContains(executeCommand("school:close-wallet " + SCHOOL + " " + id + " --yes"), "the school owes 5.00");
            assertContains(executeFailingCommand("school:record-balance " + SCHOOL + " " + w.get("holder").asText() + " 1.00"),
                    "never reopens");
            assertContains(executeFailingCommand("school:settle-wallet --date " + today.plusDays(1) + " " + SCHOOL + " " + id + " --yes"),
                    "in the future");
            assertContains(executeCommand("school:settle-wallet --date " + today + " " + SCHOOL + " " + id + " --yes"),
                    "5.00 refunded on " + today, "balance 0.00");
        }
        for (JsonNode w : json(executeCommand("school:wallets --json " + SCHOOL))) {
            boolean staying = w.get("childrenStaying").size() > 0;
            assertEquals(w.toString(), staying ? "OPEN" : "SETTLED", w.get("status").asText());
            if (staying) {
                assertContains(executeFailingCommand("school:close-wallet " + SCHOOL + " " + w.get("wallet").asText() + " --yes"),
                        "stays open");
            }
        }

        // last year's custom group is archived with its members; the imported groups stay
        String member = keep.id();
        executeCommand("school:group " + SCHOOL + " create chess-2025 Chess club");
        executeCommand("school:group " + SCHOOL + " add chess-2025 " + member);
        String before = "--before " + today.plusDays(1) + " ";
        assertContains(executeCommand("school:archive-groups " + before + SCHOOL), "chess-2025", "would be archived");
        assertContains(executeCommand("school:archive-groups " + before + SCHOOL + " --yes"), "Archived 1 custom group(s)");
        assertFalse(executeCommand("school:member --json " + SCHOOL + " " + member).contains("chess-2025"));
        assertTrue(directory.load(SCHOOL).groups().size() > 0);

        // the retention period: extended, never shortened from the console
        assertContains(executeCommand("school:retention " + SCHOOL + " 30"), "now keeps deleted members' records for 30 day(s)");
        awaitOutput("school:retention --json " + SCHOOL, out -> out.contains("\"anonymiseAfterDays\" : 30"));
        assertContains(executeFailingCommand("school:retention " + SCHOOL + " 7"), "Refused", "would shorten it");
        JsonNode waiting = json(executeCommand("school:anonymise --json " + SCHOOL));
        assertEquals(deleting.size(), waiting.get("deleted").size());
        waiting.get("deleted").forEach(e -> assertTrue(e.toString(), e.get("anonymisedAt").isNull()));
        List<String> personal = personalValues(start, afterDeletion, deleting);
        assertFalse("before the retention period passes the kept records still name them",
                occurrences(personal).isEmpty());

        // the test-shortened retention period passes: everything kept about them is anonymised
        dropConfig("org.misbridge.leavers-" + SCHOOL + ".cfg",
                "school.id=" + SCHOOL + "\nanonymiseAfterDays=0\nanonymise.checkSeconds=1\n");
        awaitOutput("school:anonymise --json " + SCHOOL, out -> !out.contains("\"anonymisedAt\" : null"));
        assertEquals(List.of(), occurrences(personal));
        String audit = executeCommand("school:audit --limit 50 " + SCHOOL);
        assertContains(audit, "merge-students", "delete-leavers", "close-wallet", "settle-wallet", "archive-groups",
                "retention", "anonymise");
    }

    private static List<Link> linksOf(DirectoryState state, String memberId) {
        return state.links().stream().filter(l -> l.memberId().equals(memberId)).toList();
    }

    private static int adultsAfterMerge(DirectoryState state, String keep, String duplicate) {
        Set<String> adults = new HashSet<>();
        linksOf(state, keep).forEach(l -> adults.add(l.personId()));
        linksOf(state, duplicate).forEach(l -> adults.add(l.personId()));
        return adults.size();
    }

    /** Full names, emails and mobiles of the deleted leavers and of the adults deleted with them. */
    private static List<String> personalValues(DirectoryState before, DirectoryState after, List<Member> deleted) {
        Set<String> goneIds = new HashSet<>();
        deleted.forEach(m -> goneIds.add(m.id()));
        Set<String> remainingPeople = new HashSet<>();
        after.people().forEach(p -> remainingPeople.add(p.id()));
        Set<String> owners = new HashSet<>(goneIds);
        Set<String> values = new LinkedHashSet<>();
        deleted.forEach(m -> values.add(m.givenName() + " " + m.familyName()));
        before.people().stream().filter(p -> !remainingPeople.contains(p.id()))
                .filter(p -> before.links().stream().anyMatch(l -> l.personId().equals(p.id()) && goneIds.contains(l.memberId())))
                .forEach(p -> {
                    owners.add(p.id());
                    values.add(p.givenName() + " " + p.familyName());
                });
        before.details().stream().filter(d -> owners.contains(d.ownerId())).forEach(d -> values.add(d.value()));
        return List.copyOf(values);
    }

    /**
     * Where any of the values is found, ignoring case, in any text column of any table of the store
     * (among this school's rows where a table is keyed by school).
     */
    private List<String> occurrences(List<String> values) throws Exception {
        List<String> found = new ArrayList<>();
        try (Connection c = dataSource.getConnection()) {
            DatabaseMetaData meta = c.getMetaData();
            List<String> tables = new ArrayList<>();
            try (ResultSet rs = meta.getTables(null, c.getSchema(), "%", new String[] {"TABLE"})) {
                while (rs.next()) {
                    tables.add(rs.getString("TABLE_NAME"));
                }
            }
            assertTrue("tables: " + tables, tables.size() > 10);
            for (String table : tables) {
                List<String> text = new ArrayList<>();
                boolean keyedBySchool = false;
                try (ResultSet rs = meta.getColumns(null, c.getSchema(), table, "%")) {
                    while (rs.next()) {
                        keyedBySchool |= "school_id".equalsIgnoreCase(rs.getString("COLUMN_NAME"));
                        int type = rs.getInt("DATA_TYPE");
                        if (type == Types.VARCHAR || type == Types.CHAR || type == Types.CLOB || type == Types.LONGVARCHAR) {
                            text.add(rs.getString("COLUMN_NAME"));
                        }
                    }
                }
                for (String column : text) {
                    for (String value : values) {
                        // other schools (the demo) may have people of the same name: only this school's rows count
                        try (PreparedStatement ps = c.prepareStatement("SELECT COUNT(*) FROM " + table + " WHERE LOWER("
                                + column + ") LIKE ?" + (keyedBySchool ? " AND school_id = '" + SCHOOL + "'" : ""))) {
                            ps.setString(1, "%" + value.toLowerCase(Locale.ROOT) + "%");
                            try (ResultSet rs = ps.executeQuery()) {
                                rs.next();
                                if (rs.getInt(1) > 0) {
                                    found.add(table + "." + column + ": " + value);
                                }
                            }
                        }
                    }
                }
            }
        }
        return found;
    }
}
