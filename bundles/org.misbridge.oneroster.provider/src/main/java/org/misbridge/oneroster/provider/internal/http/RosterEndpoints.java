package org.misbridge.oneroster.provider.internal.http;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Predicate;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;
import org.misbridge.oneroster.provider.internal.auth.Grant;
import org.misbridge.oneroster.provider.internal.auth.Scope;
import org.misbridge.oneroster.provider.internal.delta.DeltaIndex;
import org.misbridge.oneroster.provider.internal.mapping.RosterView;
import org.misbridge.oneroster.provider.internal.query.CodeMinor;
import org.misbridge.oneroster.provider.internal.query.DeltaBound;
import org.misbridge.oneroster.provider.internal.query.FieldSchema;
import org.misbridge.oneroster.provider.internal.query.OneRosterException;
import org.misbridge.oneroster.provider.internal.query.Page;
import org.misbridge.oneroster.provider.internal.query.PageLinks;
import org.misbridge.oneroster.provider.internal.query.Query;
import org.misbridge.oneroster.provider.internal.query.QueryEngine;
import org.misbridge.oneroster.provider.internal.schema.RosterSchemas;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The rostering endpoints for one authorised request. A client reads the union of its schools'
 * records (a district-style provider, where a person in two of its schools is one user); a record of a school it may not read is answered as if it did
 * not exist (404 {@code unknownobject}), and the attempt is written to the audit log.
 */
public final class RosterEndpoints {
    /** The audit trail's logger: one line per attempt to read another school's record. */
    static final Logger AUDIT = LoggerFactory.getLogger("org.misbridge.oneroster.audit");
    private static final Set<String> LIST_PARAMETERS = Set.of("limit", "offset", "sort", "orderBy", "filter", "fields");
    private static final Set<String> ONE_PARAMETERS = Set.of("fields");

    private final RosterViews views;
    private final Supplier<Set<String>> servedSchools;

    /** @param servedSchools every school some client may read, where a refused record is looked for to audit it */
    public RosterEndpoints(RosterViews views, Supplier<Set<String>> servedSchools) {
        this.views = views;
        this.servedSchools = servedSchools;
    }

    /**
     * @param path       the path after the rostering base, e.g. {@code /classes/7A/students}
     * @param parameters the query parameters, decoded, each with all its values
     * @param baseUrl    the rostering base URL for hrefs, e.g. {@code https://host/ims/oneroster/rostering/v1p2}
     */
    public Answer answer(Grant grant, String path, Map<String, String[]> parameters, String baseUrl) {
        List<String> segments = new ArrayList<>();
        for (String segment : path.split("/")) {
            if (!segment.isEmpty()) {
                segments.add(segment);
            }
        }
        Endpoint endpoint = segments.isEmpty() || segments.size() > 3 ? null : Endpoint.of(segments.get(0));
        if (endpoint == null) {
            throw new OneRosterException(404, CodeMinor.UNKNOWNOBJECT,
                    "no rostering endpoint " + path);
        }
        boolean full = Scope.full(grant.scopes());
        if (endpoint == Endpoint.DEMOGRAPHICS && !full) {
            throw OneRosterException.forbidden("demographics need the scope " + Scope.FULL.uri());
        }
        StringBuilder self = new StringBuilder(baseUrl);
        segments.forEach(s -> self.append('/').append(URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20")));
        List<SchoolView> mine = new ArrayList<>();
        for (String school : grant.client().schools()) {
            mine.add(views.view(school, baseUrl, full));
        }
        // a client of several schools: its listings kept while its schools' views last
        Listings district = mine.size() > 1
                ? views.districtListings(new ArrayList<>(grant.client().schools()), baseUrl, full, mine) : null;
        if (segments.size() == 1) {
            return list(mine, district, endpoint.base, endpoint.serves, null, endpoint, schema(endpoint.path, full),
                    parameters, self.toString(), full);
        }
        String id = segments.get(1);
        Map<String, Object> parent = find(mine, endpoint, id, grant, baseUrl, full);
        if (segments.size() == 2) {
            Query query = query(parameters, ONE_PARAMETERS, schema(endpoint.path, full), full);
            Page page = QueryEngine.run(List.of(parent), query, schema(endpoint.path, full));
            return Answer.ok(Map.of(), Map.of(endpoint.single, page.records().get(0)));
        }
        return nested(mine, district, endpoint, id, segments.get(2), parameters, self.toString(), full, path);
    }

    /**
     * The full view of one of the client's schools, for its bulk set; a school it may not read is 404
     * {@code unknownobject} and audited, exactly as {@code schools/{id}}.
     */
    RosterView school(Grant grant, String schoolId, String baseUrl) {
        if (grant.client().schools().contains(schoolId)) {
            return views.view(schoolId, baseUrl, true).records();
        }
        find(List.of(), Endpoint.SCHOOLS, schoolId, grant, baseUrl, true); // throws: 404, audited when it is a school
        throw OneRosterException.unknownObject(Endpoint.SCHOOLS.path, schoolId);
    }

    private Answer nested(List<SchoolView> mine, @Nullable Listings district, Endpoint endpoint, String id, String child,
            Map<String, String[]> parameters, String self, boolean full, String path) {
        if (child.equals("classes") && endpoint == Endpoint.SCHOOLS) {
            return list(mine, district, "classes", c -> id.equals(Endpoint.refId(c, "school")), schema("classes", full),
                    parameters, self, full);
        }
        if (child.equals("classes") && (endpoint == Endpoint.TEACHERS || endpoint == Endpoint.STUDENTS
                || endpoint == Endpoint.USERS)) {
            Set<Object> classIds = classesOf(mine, id, endpoint == Endpoint.TEACHERS ? "teacher"
                    : endpoint == Endpoint.STUDENTS ? "student" : null);
            return list(mine, district, "classes", c -> classIds.contains(c.get("sourcedId")), classIds, null,
                    schema("classes", full), parameters, self, full);
        }
        if ((child.equals("students") || child.equals("teachers"))
                && (endpoint == Endpoint.SCHOOLS || endpoint == Endpoint.CLASSES)) {
            String role = child.equals("students") ? "student" : "teacher";
            if (endpoint == Endpoint.SCHOOLS) {
                return list(mine, district, "users", u -> Endpoint.roleAt(u, role, id), schema(child, full), parameters,
                        self, full);
            }
            Set<Object> members = membersOf(mine, id, role);
            return list(mine, district, "users", u -> members.contains(u.get("sourcedId")), members, null,
                    schema(child, full), parameters, self, full);
        }
        throw new OneRosterException(404, CodeMinor.UNKNOWNOBJECT,
                "no rostering endpoint " + path);
    }

    /** The ids of the classes the user is enrolled in (with this role, or any). */
    private static Set<Object> classesOf(List<SchoolView> mine, String userId, @Nullable String role) {
        Set<Object> classIds = new HashSet<>();
        for (SchoolView view : mine) {
            for (Map<String, Object> e : view.enrollmentsOf("user", userId)) {
                if (role == null || role.equals(e.get("role"))) {
                    classIds.add(Endpoint.refId(e, "class"));
                }
            }
        }
        return classIds;
    }

    /** The ids of the users enrolled in the class with this role. */
    private static Set<Object> membersOf(List<SchoolView> mine, String classId, String role) {
        Set<Object> userIds = new HashSet<>();
        for (SchoolView view : mine) {
            for (Map<String, Object> e : view.enrollmentsOf("class", classId)) {
                if (role.equals(e.get("role"))) {
                    userIds.add(Endpoint.refId(e, "user"));
                }
            }
        }
        return userIds;
    }

    /** The record of the client's schools with this id, first school first; else 404, audited if another school has it. */
    private Map<String, Object> find(List<SchoolView> mine, Endpoint endpoint, String id, Grant grant, String baseUrl,
            boolean full) {
        for (SchoolView view : mine) {
            for (Map<String, Object> record : withId(view, endpoint.base, id)) {
                if (endpoint.serves.test(record)) {
                    return district(endpoint.base, mine) ? DistrictUsers.merge(List.of(record), mine).get(0) : record;
                }
            }
        }
        for (String school : servedSchools.get()) {
            if (grant.client().schools().contains(school)) {
                continue;
            }
            if (!withId(views.view(school, baseUrl, full), endpoint.base, id).isEmpty()) {
                AUDIT.warn("OneRoster client {} asked for {}/{} of school {}, which it may not read: answered 404",
                        grant.client().id(), endpoint.path, id, school);
                throw OneRosterException.unknownObject(endpoint.path, id);
            }
        }
        throw OneRosterException.unknownObject(endpoint.path, id);
    }

    /**
     * The school's record of a collection with this sourcedId: found by key in the collections a
     * view indexes (users, classes, enrollments: a walk of them for each request by id would make
     * reading every user by id grow with the square of the school), else by a walk of the small rest.
     */
    private static List<Map<String, Object>> withId(SchoolView view, String base, String id) {
        if (DeltaIndex.TRACKED.contains(base)) {
            Map<String, Object> record = view.record(base, id);
            return record == null ? List.of() : List.of(record);
        }
        List<Map<String, Object>> found = new ArrayList<>(1);
        for (Map<String, Object> record : view.collection(base)) {
            if (id.equals(record.get("sourcedId"))) {
                found.add(record);
            }
        }
        return found;
    }

    private static List<Map<String, Object>> records(List<SchoolView> mine, String base,
            Predicate<Map<String, Object>> serves) {
        return records(mine, base, serves, null);
    }

    /** The served records, or for a delta those it looks at, deleted ones included (see {@link SchoolView#delta}). */
    private static List<Map<String, Object>> records(List<SchoolView> mine, String base,
            Predicate<Map<String, Object>> serves, @Nullable DeltaBound delta) {
        List<Map<String, Object>> records = new ArrayList<>();
        for (SchoolView view : mine) {
            records.addAll(delta == null ? view.collection(base) : view.delta(base, delta));
        }
        if (district(base, mine)) {
            records = DistrictUsers.merge(records, mine);
        }
        records.removeIf(serves.negate());
        return records;
    }

    /** The records of {@code ids} the view has and {@code serves} takes, in key order: the collection's own order here. */
    private static List<Map<String, Object>> byKey(SchoolView view, String base, Set<Object> ids,
            Predicate<Map<String, Object>> serves) {
        List<String> keys = new ArrayList<>(ids.size());
        ids.forEach(id -> keys.add(String.valueOf(id)));
        keys.sort(null);
        List<Map<String, Object>> records = new ArrayList<>(keys.size());
        for (String key : keys) {
            Map<String, Object> record = view.record(base, key);
            if (record != null && serves.test(record)) {
                records.add(record);
            }
        }
        return records;
    }

    /** Whether users are read across several schools, where one person may be in two ({@link DistrictUsers}). */
    private static boolean district(String base, List<SchoolView> mine) {
        return base.equals("users") && mine.size() > 1;
    }

    /** A page of a collection ({@code base}, answered under its own key) as the query asks. */
    private static Answer list(List<SchoolView> mine, @Nullable Listings district, String base,
            Predicate<Map<String, Object>> serves, FieldSchema schema, Map<String, String[]> parameters, String self,
            boolean full) {
        return list(mine, district, base, serves, null, null, schema, parameters, self, full);
    }

    /**
     * As above. One school's records in key order, in the default order with no filter, are sliced
     * from a list: the whole collection, or what {@code endpoint} (a top-level one, where given) serves
     * as the view keeps it (its students, its teachers), so a page costs what it holds. {@code only},
     * where given, holds the sourcedIds of every record {@code serves} can take (a class's students),
     * so such a school's records are found by key, not by a walk of the collection for each request.
     * Any other listing (a filter, a sort, a nested collection such as a school's students, and any
     * listing across several schools, {@code district}) is filtered and ordered at its first page
     * and kept ({@link Listings}): with the school's view, or while the schools' views last. A delta
     * is worked out for each page.
     */
    private static Answer list(List<SchoolView> mine, @Nullable Listings district, String base,
            Predicate<Map<String, Object>> serves, @Nullable Set<Object> only, @Nullable Endpoint endpoint,
            FieldSchema schema, Map<String, String[]> parameters, String self, boolean full) {
        Query query = query(parameters, LIST_PARAMETERS, schema, full);
        DeltaBound delta = DeltaBound.of(query.filter());
        // one school's whole collection stays in the view's order through the role filter: no sort for the default order
        boolean keyOrdered = delta == null && mine.size() == 1 && mine.get(0).keyOrdered(base);
        boolean sliced = keyOrdered && query.filter() == null && query.sort() == null;
        Page page;
        if (sliced && serves == Endpoint.Every.RECORD) {
            page = QueryEngine.slice(mine.get(0).collection(base), query); // no record but the page's is looked at
        } else if (sliced && endpoint != null) {
            page = QueryEngine.slice(mine.get(0).served(endpoint, self), query);
        } else if (keyOrdered && only != null && DeltaIndex.TRACKED.contains(base)) {
            page = QueryEngine.run(byKey(mine.get(0), base, only, serves), query, schema, true);
        } else if (delta == null && only == null) {
            // filtered, sorted or across schools: worked out at the first page and kept for the pages that follow
            boolean ordered = keyOrdered;
            Listings.Key key = new Listings.Key(self, query.filter(), query.sort(), query.descending());
            Supplier<List<Map<String, Object>>> make = () -> QueryEngine.ordered(records(mine, base, serves, null), query,
                    schema, ordered);
            page = QueryEngine.page(district == null ? mine.get(0).listing(key, make) : district.of(key, make), query);
        } else {
            page = QueryEngine.run(records(mine, base, serves, delta), query, schema, keyOrdered);
        }
        Map<String, String> kept = new LinkedHashMap<>();
        parameters.forEach((name, values) -> kept.put(name, values[0]));
        return Answer.ok(PageLinks.headers(self, kept, page), Map.of(base, page.records()));
    }

    /** The query, refusing a parameter the endpoint does not take or one given twice. */
    private static Query query(Map<String, String[]> parameters, Set<String> allowed, FieldSchema schema, boolean full) {
        Map<String, String> single = new LinkedHashMap<>();
        for (Map.Entry<String, String[]> parameter : parameters.entrySet()) {
            String name = parameter.getKey();
            if (!allowed.contains(name)) {
                throw OneRosterException.badData("unknown parameter " + echo(name) + "; this endpoint takes "
                        + String.join(", ", allowed.stream().sorted().toList()));
            }
            if (parameter.getValue().length != 1) {
                throw OneRosterException.badData(name + " is given " + parameter.getValue().length + " times; give it once");
            }
            single.put(name, parameter.getValue()[0]);
        }
        try {
            return Query.of(single, schema);
        } catch (OneRosterException e) {
            if (full || e.httpStatus() != 400 || !mentionsContact(single)) {
                throw e;
            }
            throw new OneRosterException(e.httpStatus(), e.codeMinor(), e.getMessage()
                    + " (the scope roster-core.readonly does not show email, sms or phone)");
        }
    }

    private static boolean mentionsContact(Map<String, String> parameters) {
        for (String value : parameters.values()) {
            for (String field : RosterViews.CONTACT_FIELDS) {
                if (value.contains(field)) {
                    return true;
                }
            }
        }
        return false;
    }

    private static FieldSchema schema(String collection, boolean full) {
        FieldSchema schema = Objects.requireNonNull(RosterSchemas.of(collection), collection);
        return full || !collection.matches("users|students|teachers") ? schema : schema.without(RosterViews.CONTACT_FIELDS);
    }

    /** A parameter name as the consumer wrote it, short and printable. */
    private static String echo(String text) {
        String shown = text.length() > 40 ? text.substring(0, 40) + "…" : text;
        return "'" + shown.replaceAll("[^\\x20-\\x7e]", "?") + "'";
    }
}
