package org.misbridge.oneroster.provider.internal.query;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Four users-like records whose expected query results are worked out by hand in the tests. */
final class Fixtures {
    static final FieldSchema SCHEMA = FieldSchema.builder("people").base()
            .string("givenName", "familyName")
            .field("birthDate", FieldType.DATE)
            .field("score", FieldType.NUMBER)
            .field("enabledUser", FieldType.BOOLEAN)
            .field("grades", FieldType.STRING_ARRAY)
            .objects("roles", r -> r.field("role", FieldType.ENUM).ref("org"))
            .build();

    private Fixtures() {
    }

    /**
     * u1 Ann O'Brien, born 2012-03-04, modified 2026-12-01T06:00:00Z, score 10, enabled, grade 07, student;
     * u2 Ben Smith, born 2011-09-01, modified 2026-12-01T05:59:59Z, score 2.5, disabled, grade 08, teacher and parent;
     * u3 Cara smithson, born 2012-03-04, modified 2026-11-30T23:00:00-02:00 (01:00Z on 1 December), no score,
     *    enabled, no grades, no roles;
     * u4 Dan, no family name or birth date, modified 2026-12-02T00:00:00.500Z, score 100, disabled, parent.
     */
    static List<Map<String, Object>> records() {
        List<Map<String, Object>> records = new ArrayList<>();
        records.add(record("u3", "Cara", "smithson", "2012-03-04", "2026-11-30T23:00:00-02:00", null, true,
                List.of(), List.of()));
        records.add(record("u1", "Ann", "O'Brien", "2012-03-04", "2026-12-01T06:00:00Z", 10, true,
                List.of("07"), List.of("student")));
        records.add(record("u4", "Dan", null, null, "2026-12-02T00:00:00.500Z", 100, false, null,
                List.of("parent")));
        records.add(record("u2", "Ben", "Smith", "2011-09-01", "2026-12-01T05:59:59Z", 2.5, false,
                List.of("08"), List.of("teacher", "parent")));
        return records;
    }

    private static Map<String, Object> record(String id, String given, String family, String birth, String modified,
            Number score, boolean enabled, List<String> grades, List<String> roles) {
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("sourcedId", id);
        r.put("status", "active");
        r.put("dateLastModified", modified);
        r.put("givenName", given);
        if (family != null) {
            r.put("familyName", family);
        }
        if (birth != null) {
            r.put("birthDate", birth);
        }
        if (score != null) {
            r.put("score", score);
        }
        r.put("enabledUser", enabled);
        if (grades != null) {
            r.put("grades", grades);
        }
        List<Map<String, Object>> roleList = new ArrayList<>();
        for (String role : roles) {
            roleList.add(Map.of("role", role, "org", Map.of("sourcedId", "sch1", "type", "org")));
        }
        r.put("roles", roleList);
        return r;
    }

    /** The sourcedIds a filter selects, in sourcedId order. */
    static List<String> ids(String filter) {
        Query query = new Query(FilterParser.parse(filter, SCHEMA), null, false, null, Query.MAX_LIMIT, 0);
        return QueryEngine.run(records(), query, SCHEMA).records().stream()
                .map(r -> (String) r.get("sourcedId")).toList();
    }
}
