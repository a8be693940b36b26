package org.misbridge.mis.wonde.internal;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.misbridge.api.spi.MisReadException;
import org.misbridge.mis.http.Credentials;
import org.misbridge.mis.http.HttpAnswer;
import org.misbridge.mis.http.MisHttpClient;
import org.misbridge.mis.http.RemoteJson;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Pages through one Wonde collection by following {@code meta.pagination.next} until it is null,
 * parsing one page at a time. A next link must stay on the base URL's scheme, host and port, or the
 * token would be sent elsewhere; a failed next page fails the whole collection, never a part of it.
 */
final class WondePager {

    /** Takes one record of a page. */
    @FunctionalInterface
    interface RecordHandler {
        void accept(JsonNode record) throws MisReadException;
    }

    private static final Logger LOG = LoggerFactory.getLogger(WondePager.class);
    private static final String ACCEPT = "application/json";
    // 100,000 pages of even 10 records is far beyond any school; a server past it is looping (found by fuzzing)
    static final int MAX_PAGES = 100_000;

    private final MisHttpClient http;
    private final Credentials credentials;
    private final URI schoolUri;
    private final int perPage;
    private final int maxPages;

    WondePager(MisHttpClient http, Credentials credentials, URI schoolUri, int perPage) {
        this(http, credentials, schoolUri, perPage, MAX_PAGES);
    }

    WondePager(MisHttpClient http, Credentials credentials, URI schoolUri, int perPage, int maxPages) {
        this.maxPages = maxPages;
        this.http = Objects.requireNonNull(http, "http");
        this.credentials = Objects.requireNonNull(credentials, "credentials");
        this.schoolUri = Objects.requireNonNull(schoolUri, "schoolUri");
        this.perPage = perPage;
    }

    /**
     * Reads every page of {@code endpoint}, changed on or after {@code updatedAfter} when given
     * (Wonde's {@code yyyy-MM-dd HH:mm:ss}, UTC), and returns how many records it handed on.
     */
    int forEach(Endpoint endpoint, @Nullable String updatedAfter, RecordHandler handler) throws MisReadException {
        URI next = firstPage(endpoint, updatedAfter);
        Set<URI> seen = new HashSet<>();
        int page = 0;
        int records = 0;
        while (next != null) {
            page++;
            if (page > maxPages) {
                throw new MisReadException(endpoint.path(), "more than " + maxPages + " pages; the next links keep "
                        + "changing without end, so the read stops rather than page forever");
            }
            if (!seen.add(next)) {
                throw new MisReadException(endpoint.path(), "page " + page + " links back to a page already read; "
                        + "Wonde's paging does not advance");
            }
            HttpAnswer answer;
            try {
                answer = http.get(next, credentials, ACCEPT);
            } catch (MisReadException e) {
                if (page == 1) {
                    throw e;
                }
                throw new MisReadException(e.source(), 0, null, "page " + page + " of " + endpoint.path()
                        + " failed after " + records + " records (" + problem(e) + "). A next link can expire during "
                        + "a long read; the whole read is abandoned and the next sync starts again from page 1", e);
            }
            JsonNode body = parse(answer, endpoint, page, http);
            JsonNode data = body.get("data");
            if (data == null || !data.isArray()) {
                throw new MisReadException(answer.where(), "page " + page + " of " + endpoint.path()
                        + " has no \"data\" list; not a Wonde answer");
            }
            for (JsonNode record : data) {
                handler.accept(record);
                records++;
            }
            next = nextPage(body, answer.uri(), endpoint, page);
            LOG.debug("{}: page {} of {} gave {} records{}", schoolUri.getPath(), page, endpoint.path(), data.size(),
                    next == null ? " (last)" : "");
        }
        return records;
    }

    private URI firstPage(Endpoint endpoint, @Nullable String updatedAfter) {
        StringBuilder query = new StringBuilder();
        if (!endpoint.includes().isEmpty()) {
            query.append("include=").append(encode(endpoint.includes())).append('&');
        }
        query.append("per_page=").append(perPage);
        if (updatedAfter != null) {
            query.append("&updated_after=").append(encode(updatedAfter));
        }
        return schoolUri.resolve(endpoint.path() + "?" + query);
    }

    private static JsonNode parse(HttpAnswer answer, Endpoint endpoint, int page, MisHttpClient http) throws MisReadException {
        // what was expected and where, never the answer's text unredacted (a MIS may echo our token)
        JsonNode body = RemoteJson.parse(answer, answer.where(), "page " + page + " of " + endpoint.path(), http::redact);
        if (!body.isObject()) {
            throw new MisReadException(answer.where(), "page " + page + " of " + endpoint.path() + " is not a JSON object");
        }
        return body;
    }

    /** {@code meta.pagination.next}, checked to stay where the token may go; null on the last page. */
    private @Nullable URI nextPage(JsonNode body, URI current, Endpoint endpoint, int page) throws MisReadException {
        JsonNode next = body.path("meta").path("pagination").get("next");
        if (next == null || next.isNull() || (next.isTextual() && next.asText().isBlank())) {
            return null;
        }
        if (!next.isTextual()) {
            throw new MisReadException(endpoint.path(), "page " + page + ": meta.pagination.next is not a URL");
        }
        URI uri;
        try {
            uri = current.resolve(new URI(next.asText().strip()));
        } catch (URISyntaxException | IllegalArgumentException e) {
            throw new MisReadException(endpoint.path(), "page " + page + ": meta.pagination.next is not a valid URL");
        }
        if (!sameOrigin(uri, schoolUri)) {
            throw new MisReadException(endpoint.path(), "page " + page + ": meta.pagination.next points to "
                    + origin(uri) + ", not " + origin(schoolUri) + "; refusing to send the school's token to another host");
        }
        return uri;
    }

    static boolean sameOrigin(URI a, URI b) {
        return a.getScheme() != null && a.getScheme().equalsIgnoreCase(b.getScheme())
                && a.getHost() != null && a.getHost().equalsIgnoreCase(b.getHost())
                && port(a) == port(b);
    }

    private static int port(URI uri) {
        if (uri.getPort() >= 0) {
            return uri.getPort();
        }
        return "https".equalsIgnoreCase(uri.getScheme()) ? 443 : 80;
    }

    private static String origin(URI uri) {
        return (uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT)) + "://"
                + (uri.getHost() == null ? "?" : uri.getHost()) + ":" + port(uri);
    }

    /** The client's message without the URL it starts with: the caller names the page instead. */
    private static String problem(MisReadException e) {
        String message = String.valueOf(e.getMessage());
        String prefix = e.source() + ": ";
        return message.startsWith(prefix) ? message.substring(prefix.length()) : message;
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
