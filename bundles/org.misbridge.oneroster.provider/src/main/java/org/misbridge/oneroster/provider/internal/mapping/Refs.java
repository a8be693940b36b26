package org.misbridge.oneroster.provider.internal.mapping;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Collections;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The pieces every mapped record shares: the base fields and GUIDRefs to other records. A GUIDRef
 * and a dateLastModified are made once per mapping and shared by every record that holds them (a
 * class's ref by each of its enrolments, the school's by every record): a 100,000-student school
 * has a third of a million enrolments, and a map per ref was most of the view's memory. Shared refs
 * are unmodifiable.
 */
final class Refs {
    private final String baseUrl;
    private final Map<String, Map<String, Object>> shared = new ConcurrentHashMap<>();
    private final Map<Instant, String> times = new ConcurrentHashMap<>();

    /** @param baseUrl the rostering service's base, e.g. {@code https://host/ims/oneroster/rostering/v1p2} */
    Refs(String baseUrl) {
        this.baseUrl = baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
    }

    /** A new record with sourcedId, status {@code active} and dateLastModified. */
    Map<String, Object> record(String sourcedId, Instant modified) {
        return record(sourcedId, "active", modified);
    }

    /** A new record with sourcedId, status ({@code active} or {@code tobedeleted}) and dateLastModified. */
    Map<String, Object> record(String sourcedId, String status, Instant modified) {
        Map<String, Object> record = new RecordMap(12);
        record.put("sourcedId", sourcedId);
        record.put("status", status);
        record.put("dateLastModified", times.computeIfAbsent(modified, m -> m.truncatedTo(ChronoUnit.MILLIS).toString()));
        return record;
    }

    /** A GUIDRef: the record's URL, its sourcedId and the type of record it is. */
    Map<String, Object> ref(String collection, String type, String sourcedId) {
        return shared.computeIfAbsent(collection + '/' + sourcedId, k -> {
            Map<String, Object> ref = new RecordMap(3);
            ref.put("href", baseUrl + '/' + collection + '/'
                    + URLEncoder.encode(sourcedId, StandardCharsets.UTF_8).replace("+", "%20"));
            ref.put("sourcedId", sourcedId);
            ref.put("type", type);
            return Collections.unmodifiableMap(ref);
        });
    }

    Map<String, Object> org(String sourcedId) {
        return ref("orgs", "org", sourcedId);
    }

    Map<String, Object> user(String sourcedId) {
        return ref("users", "user", sourcedId);
    }
}
