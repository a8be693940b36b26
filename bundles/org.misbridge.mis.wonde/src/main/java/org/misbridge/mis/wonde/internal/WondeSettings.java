package org.misbridge.mis.wonde.internal;

import java.net.URI;
import java.time.Duration;
import java.util.Locale;
import java.util.Objects;
import java.util.regex.Pattern;
import org.misbridge.api.model.EmailLocation;

/**
 * What one school's Wonde reader reads and how, validated; it never holds the token, so it can be
 * logged and shown whole.
 *
 * @param schoolId             our school id ({@code school.id})
 * @param baseUrl              scheme, host and port of the Wonde region, e.g. {@code https://api.wonde.com}
 * @param wondeSchoolId        Wonde's id of the school, e.g. {@code A1930499544}
 * @param perPage              records asked for per page
 * @param deltas               whether reads between full reads fetch only what changed
 * @param fullReadEvery        with deltas, how long a full read's records serve before the next full read
 * @param untypedEmailLocation where an address found only in Wonde's untyped {@code email}/{@code primary} slots is put
 */
record WondeSettings(String schoolId, URI baseUrl, String wondeSchoolId, int perPage, boolean deltas,
        Duration fullReadEvery, EmailLocation untypedEmailLocation) {

    static final String DEFAULT_BASE_URL = "https://api.wonde.com";
    static final int DEFAULT_PER_PAGE = 200;
    static final int MAX_PER_PAGE = 1000;
    static final int DEFAULT_FULL_READ_HOURS = 24;

    private static final Pattern WONDE_ID = Pattern.compile("[A-Za-z0-9]{1,64}");

    WondeSettings {
        Objects.requireNonNull(schoolId, "schoolId");
        Objects.requireNonNull(untypedEmailLocation, "untypedEmailLocation");
        baseUrl = checkBaseUrl(schoolId, baseUrl);
        if (wondeSchoolId == null || !WONDE_ID.matcher(wondeSchoolId).matches()) {
            throw new IllegalArgumentException("school " + schoolId + ": wonde.schoolId '" + wondeSchoolId
                    + "' is not a Wonde school id (letters and digits, e.g. A1930499544)");
        }
        if (perPage < 1 || perPage > MAX_PER_PAGE) {
            throw new IllegalArgumentException("school " + schoolId + ": wonde.perPage must be 1-" + MAX_PER_PAGE
                    + ", was " + perPage);
        }
        Objects.requireNonNull(fullReadEvery, "fullReadEvery");
        if (fullReadEvery.isNegative() || fullReadEvery.isZero()) {
            throw new IllegalArgumentException("school " + schoolId + ": wonde.fullReadHours must be at least 1, was "
                    + fullReadEvery.toHours());
        }
    }

    /** {@code {baseUrl}/v1.0/schools/{wondeSchoolId}/}: every request goes below it. */
    URI schoolUri() {
        return URI.create(baseUrl + "/v1.0/schools/" + wondeSchoolId + "/");
    }

    /**
     * Only scheme://host[:port], or that with Wonde's own /v1.0 (as Wonde writes it): any other path, a query or
     * user info in the base URL is refused rather than guessed at.
     */
    private static URI checkBaseUrl(String schoolId, URI url) {
        Objects.requireNonNull(url, "baseUrl");
        String scheme = url.getScheme();
        if (scheme == null || !(scheme.equalsIgnoreCase("https") || scheme.equalsIgnoreCase("http")) || url.getHost() == null) {
            throw new IllegalArgumentException("school " + schoolId + ": wonde.baseUrl '" + url
                    + "' is not an http(s) URL with a host, e.g. " + DEFAULT_BASE_URL);
        }
        if (url.getRawUserInfo() != null || url.getRawQuery() != null || url.getRawFragment() != null) {
            throw new IllegalArgumentException("school " + schoolId + ": wonde.baseUrl must be only scheme://host[:port]");
        }
        String path = url.getRawPath() == null ? "" : url.getRawPath();
        // Wonde documents its base URL as https://api.wonde.com/v1.0/: that version path is the one the reader adds
        if (!path.isEmpty() && !path.equals("/") && !path.equals("/v1.0") && !path.equals("/v1.0/")) {
            throw new IllegalArgumentException("school " + schoolId + ": wonde.baseUrl must be only scheme://host[:port], "
                    + "without a path other than /v1.0 (the reader adds /v1.0/schools/...)");
        }
        return URI.create(scheme.toLowerCase(Locale.ROOT) + "://" + url.getRawAuthority());
    }
}
