package org.misbridge.mis.oneroster.internal;

import java.net.URI;
import java.time.Duration;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * Where and how a school's OneRoster REST API is read.
 *
 * @param baseUrl      the API root, e.g. {@code https://host/ims/oneroster/v1p1}; collections are below it
 * @param v12          OneRoster 1.2 (roles inside users) rather than 1.1
 * @param pageSize     the {@code limit} asked for per page
 * @param deltas       read only records changed since the last read and apply them to it
 * @param fullReadEvery with deltas, how often a full read replaces the records kept
 */
public record RestSettings(URI baseUrl, boolean v12, int pageSize, boolean deltas, Duration fullReadEvery) {

    static final int DEFAULT_PAGE_SIZE = 500;

    public RestSettings {
        Objects.requireNonNull(baseUrl, "baseUrl");
        if (pageSize < 1 || pageSize > 10_000) {
            throw new IllegalArgumentException("oneroster.rest.pageSize must be 1 to 10000, was " + pageSize);
        }
        Objects.requireNonNull(fullReadEvery, "fullReadEvery");
    }

    /** 1.2 when configured so, else when the base URL names v1p2 (the 1.2 binding's path). */
    public static boolean isV12(URI baseUrl, @Nullable String version) {
        if (version != null && !version.isBlank() && !version.strip().equals("auto")) {
            return switch (version.strip()) {
                case "1.2" -> true;
                case "1.1" -> false;
                default -> throw new IllegalArgumentException("oneroster.rest.version must be 1.1, 1.2 or auto, was '" + version + "'");
            };
        }
        return baseUrl.getPath() != null && baseUrl.getPath().contains("v1p2");
    }

    URI collection(String name) {
        String base = baseUrl.toString();
        return URI.create(base.endsWith("/") ? base + name : base + "/" + name);
    }
}
