package org.misbridge.oneroster.provider.internal.export;

import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.jspecify.annotations.Nullable;
import org.misbridge.oneroster.provider.internal.mapping.RosterView;

/**
 * A {@link RosterView} as a OneRoster 1.2 bulk CSV set in a zip: {@code manifest.csv} first, then
 * one file per collection the view has, each with the 1.2 CSV binding's columns in its order (a
 * user's roles go to {@code roles.csv}). Files the directory has nothing for are {@code absent} in
 * the manifest. As a bulk file should, each row leaves {@code status} and {@code dateLastModified}
 * blank: the set is the whole truth.
 */
public final class BulkCsv {

    static final List<String> ORGS = List.of("sourcedId", "status", "dateLastModified", "name", "type", "identifier",
            "parentSourcedId");
    static final List<String> ACADEMIC_SESSIONS = List.of("sourcedId", "status", "dateLastModified", "title", "type",
            "startDate", "endDate", "parentSourcedId", "schoolYear");
    static final List<String> COURSES = List.of("sourcedId", "status", "dateLastModified", "schoolYearSourcedId", "title",
            "courseCode", "grades", "orgSourcedId", "subjects", "subjectCodes");
    static final List<String> CLASSES = List.of("sourcedId", "status", "dateLastModified", "title", "grades",
            "courseSourcedId", "classCode", "classType", "location", "schoolSourcedId", "termSourcedIds", "subjects",
            "subjectCodes", "periods");
    static final List<String> USERS = List.of("sourcedId", "status", "dateLastModified", "enabledUser", "username",
            "userIds", "givenName", "familyName", "middleName", "identifier", "email", "sms", "phone", "agentSourcedIds",
            "grades", "password", "userMasterIdentifier", "resourceSourcedIds", "preferredGivenName",
            "preferredMiddleName", "preferredFamilyName", "primaryOrgSourcedId", "pronouns");
    static final List<String> ROLES = List.of("sourcedId", "status", "dateLastModified", "userSourcedId", "roleType",
            "role", "beginDate", "endDate", "orgSourcedId", "userProfileSourcedId");
    static final List<String> ENROLLMENTS = List.of("sourcedId", "status", "dateLastModified", "classSourcedId",
            "schoolSourcedId", "userSourcedId", "role", "primary", "beginDate", "endDate");

    /** The 1.2 files a set may hold that the directory has nothing for: absent in the manifest. */
    static final List<String> ABSENT = List.of("categories", "classResources", "courseResources", "demographics",
            "lineItems", "resources", "results", "userProfiles");

    /** What was written: rows per file, in the order written (the manifest not counted). */
    public record Counts(Map<String, Integer> rows) {
        public Counts {
            rows = Map.copyOf(rows);
        }

        public int total() {
            return rows.values().stream().mapToInt(Integer::intValue).sum();
        }
    }

    private BulkCsv() {
    }

    /** Writes the set as a zip to {@code out}, which is left open; {@code systemCode} names the school in the manifest. */
    public static Counts write(RosterView view, String systemCode, OutputStream out) throws IOException {
        Map<String, List<List<String>>> files = new LinkedHashMap<>();
        files.put("orgs", rows(view.orgs(), ORGS, BulkCsv::org));
        files.put("academicSessions", rows(view.academicSessions(), ACADEMIC_SESSIONS, BulkCsv::session));
        files.put("courses", rows(view.courses(), COURSES, BulkCsv::course));
        files.put("classes", rows(view.classes(), CLASSES, BulkCsv::clazz));
        files.put("users", rows(view.users(), USERS, BulkCsv::user));
        files.put("roles", roles(view.users()));
        files.put("enrollments", rows(view.enrollments(), ENROLLMENTS, BulkCsv::enrollment));

        Map<String, Integer> counts = new LinkedHashMap<>();
        ZipOutputStream zip = new ZipOutputStream(out, StandardCharsets.UTF_8);
        Writer writer = new OutputStreamWriter(zip, StandardCharsets.UTF_8);
        zip.putNextEntry(new ZipEntry("manifest.csv"));
        CsvLines manifest = new CsvLines(writer);
        manifest.line(List.of("propertyName", "value"));
        manifest.line(List.of("manifest.version", "1.0"));
        manifest.line(List.of("oneroster.version", "1.2"));
        List<String> names = new ArrayList<>(files.keySet());
        names.addAll(ABSENT);
        names.sort(String.CASE_INSENSITIVE_ORDER);
        for (String name : names) {
            manifest.line(List.of("file." + name, files.containsKey(name) ? "bulk" : "absent"));
        }
        manifest.line(List.of("source.systemName", "MIS Bridge"));
        manifest.line(List.of("source.systemCode", systemCode));
        writer.flush();
        zip.closeEntry();
        for (Map.Entry<String, List<List<String>>> file : files.entrySet()) {
            zip.putNextEntry(new ZipEntry(file.getKey() + ".csv"));
            CsvLines lines = new CsvLines(writer);
            for (List<String> row : file.getValue()) {
                lines.line(row);
            }
            writer.flush();
            zip.closeEntry();
            counts.put(file.getKey() + ".csv", file.getValue().size() - 1);
        }
        zip.finish();
        return new Counts(counts);
    }

    private interface Row {
        Map<String, String> cells(Map<String, Object> record);
    }

    /** The header, then each record's cells in the header's order (a column the record lacks is blank). */
    private static List<List<String>> rows(List<Map<String, Object>> records, List<String> header, Row row) {
        List<List<String>> rows = new ArrayList<>(records.size() + 1);
        rows.add(header);
        for (Map<String, Object> record : records) {
            Map<String, String> cells = row.cells(record);
            List<String> line = new ArrayList<>(header.size());
            for (String column : header) {
                String cell = cells.get(column);
                line.add(cell == null ? "" : cell);
            }
            rows.add(line);
        }
        return rows;
    }

    private static Map<String, String> base(Map<String, Object> record) {
        Map<String, String> cells = new LinkedHashMap<>();
        cells.put("sourcedId", text(record.get("sourcedId")));
        return cells;
    }

    private static Map<String, String> org(Map<String, Object> r) {
        Map<String, String> c = base(r);
        c.put("name", text(r.get("name")));
        c.put("type", text(r.get("type")));
        c.put("identifier", text(r.get("identifier")));
        c.put("parentSourcedId", refId(r.get("parent")));
        return c;
    }

    private static Map<String, String> session(Map<String, Object> r) {
        Map<String, String> c = base(r);
        for (String field : List.of("title", "type", "startDate", "endDate", "schoolYear")) {
            c.put(field, text(r.get(field)));
        }
        c.put("parentSourcedId", refId(r.get("parent")));
        return c;
    }

    private static Map<String, String> course(Map<String, Object> r) {
        Map<String, String> c = base(r);
        c.put("schoolYearSourcedId", refId(r.get("schoolYear")));
        c.put("title", text(r.get("title")));
        c.put("courseCode", text(r.get("courseCode")));
        c.put("grades", list(r.get("grades")));
        c.put("orgSourcedId", refId(r.get("org")));
        return c;
    }

    private static Map<String, String> clazz(Map<String, Object> r) {
        Map<String, String> c = base(r);
        c.put("title", text(r.get("title")));
        c.put("grades", list(r.get("grades")));
        c.put("courseSourcedId", refId(r.get("course")));
        c.put("classCode", text(r.get("classCode")));
        c.put("classType", text(r.get("classType")));
        c.put("schoolSourcedId", refId(r.get("school")));
        c.put("termSourcedIds", refIds(r.get("terms")));
        return c;
    }

    private static Map<String, String> user(Map<String, Object> r) {
        Map<String, String> c = base(r);
        c.put("enabledUser", text(r.get("enabledUser")));
        for (String field : List.of("username", "givenName", "familyName", "identifier", "email", "sms", "phone")) {
            c.put(field, text(r.get(field)));
        }
        c.put("agentSourcedIds", refIds(r.get("agents")));
        c.put("grades", list(r.get("grades")));
        c.put("primaryOrgSourcedId", refId(r.get("primaryOrg")));
        return c;
    }

    /** One row per role of each user, in the users' order; its id is the user's and the role's. */
    private static List<List<String>> roles(List<Map<String, Object>> users) {
        List<Map<String, Object>> roles = new ArrayList<>();
        for (Map<String, Object> user : users) {
            Object list = user.get("roles");
            if (list instanceof List<?> entries) {
                for (Object entry : entries) {
                    if (entry instanceof Map<?, ?> role) {
                        Map<String, Object> row = new LinkedHashMap<>();
                        row.put("sourcedId", text(user.get("sourcedId")) + ":" + text(role.get("role")));
                        row.put("userSourcedId", user.get("sourcedId"));
                        role.forEach((k, v) -> row.put(String.valueOf(k), v));
                        roles.add(row);
                    }
                }
            }
        }
        return rows(roles, ROLES, r -> {
            Map<String, String> c = base(r);
            c.put("userSourcedId", text(r.get("userSourcedId")));
            c.put("roleType", text(r.get("roleType")));
            c.put("role", text(r.get("role")));
            c.put("beginDate", text(r.get("beginDate")));
            c.put("endDate", text(r.get("endDate")));
            c.put("orgSourcedId", refId(r.get("org")));
            return c;
        });
    }

    private static Map<String, String> enrollment(Map<String, Object> r) {
        Map<String, String> c = base(r);
        c.put("classSourcedId", refId(r.get("class")));
        c.put("schoolSourcedId", refId(r.get("school")));
        c.put("userSourcedId", refId(r.get("user")));
        c.put("role", text(r.get("role")));
        c.put("primary", text(r.get("primary")));
        c.put("beginDate", text(r.get("beginDate")));
        c.put("endDate", text(r.get("endDate")));
        return c;
    }

    private static String text(@Nullable Object value) {
        return value == null ? "" : value.toString();
    }

    /** A GUIDRef's sourcedId. */
    private static String refId(@Nullable Object ref) {
        return ref instanceof Map<?, ?> map ? text(map.get("sourcedId")) : "";
    }

    /** GUIDRefs' sourcedIds, comma-separated in one cell as the CSV binding lists them. */
    private static String refIds(@Nullable Object refs) {
        if (!(refs instanceof List<?> list)) {
            return "";
        }
        List<String> ids = new ArrayList<>(list.size());
        list.forEach(ref -> ids.add(refId(ref)));
        return String.join(",", ids);
    }

    private static String list(@Nullable Object values) {
        if (!(values instanceof List<?> list)) {
            return "";
        }
        List<String> texts = new ArrayList<>(list.size());
        list.forEach(v -> texts.add(text(v)));
        return String.join(",", texts);
    }
}
