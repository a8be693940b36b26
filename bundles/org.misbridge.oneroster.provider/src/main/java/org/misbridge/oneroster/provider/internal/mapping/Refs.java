package org.misbridge.oneroster.provider.internal.mapping;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.Map;

/** The pieces every mapped record shares: the base fields and GUIDRefs to other records. */
final class Refs {
    private final String baseUrl;

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
        Map<String, Object> record = new LinkedHashMap<>();
        record.put("sourcedId", sourcedId);
        record.put("status", status);
        record.put("dateLastModified", modified.truncatedTo(ChronoUnit.MILLIS).toString());
        return record;
    }

    /** A GUIDRef: the record's URL, its sourcedId and the type of record it is. */
    Map<String, Object> ref(String collection, String type, String sourcedId) {
        Map<String, Object> ref = new LinkedHashMap<>();
        ref.put("href", baseUrl + '/' + collection + '/'
                + URLEncoder.encode(sourcedId, StandardCharsets.UTF_8).replace("+", "%20"));
        ref.put("sourcedId", sourcedId);
        ref.put("type", type);
        return ref;
    }

    Map<String, Object> org(String sourcedId) {
        return ref("orgs", "org", sourcedId);
    }

    Map<String, Object> user(String sourcedId) {
        return ref("users", "user", sourcedId);
    }
}
