package org.misbridge.benchmarks.provider;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * A consumer paging through one collection, {@code limit} records a page, until {@code X-Total-Count}:
 * every page's JSON read to its end with Jackson's streaming parser (each record's {@code sourcedId},
 * {@code status} and {@code dateLastModified} picked out, the rest tokenised and skipped).
 */
public final class Listing {
    private static final JsonFactory JSON = new JsonFactory();
    /** A page not answered by then fails the benchmark (a server out of heap may never answer). */
    private static final java.time.Duration PAGE_TIMEOUT = java.time.Duration.ofMinutes(2);

    /**
     * @param ids     each record's sourcedId, when asked for
     * @param latest  the latest dateLastModified seen (ISO text, which sorts in time order)
     * @param tombstones records with status tobedeleted
     */
    public record Result(long millis, int records, long bytes, int pages, Set<String> ids,
            String latest, int tombstones) {
    }

    private final HttpClient http;
    private final String rostering;
    private final String token;

    public Listing(HttpClient http, ProviderHost host) {
        this.http = http;
        this.rostering = host.rostering;
        this.token = host.token;
    }

    /** The whole collection, or what {@code filter} (null for none) matches, timed from the first request. */
    public Result read(String collection, String filter, int limit, boolean keepIds) throws Exception {
        Page page = new Page(keepIds);
        long start = System.nanoTime();
        int total = -1;
        int pages = 0;
        for (int offset = 0; total < 0 || offset < total; offset += limit) {
            String query = "limit=" + limit + "&offset=" + offset
                    + (filter == null ? "" : "&filter=" + URLEncoder.encode(filter, StandardCharsets.UTF_8));
            HttpResponse<InputStream> response = http.send(HttpRequest.newBuilder(URI.create(rostering + "/" + collection + "?" + query))
                    .header("Authorization", "Bearer " + token).header("Accept", "application/json")
                    .timeout(PAGE_TIMEOUT).build(),
                    HttpResponse.BodyHandlers.ofInputStream());
            try (InputStream body = response.body()) {
                if (response.statusCode() != 200) {
                    throw new IllegalStateException(collection + "?" + query + " answered " + response.statusCode() + ": "
                            + new String(body.readNBytes(2000), StandardCharsets.UTF_8));
                }
                int count = Integer.parseInt(response.headers().firstValue("X-Total-Count").orElseThrow());
                if (total >= 0 && count != total) {
                    throw new IllegalStateException(collection + ": X-Total-Count changed from " + total + " to " + count + " while paging");
                }
                total = count;
                page.parse(body);
            }
            pages++;
            if (total == 0) {
                break;
            }
        }
        long millis = (System.nanoTime() - start) / 1_000_000;
        if (page.records != total) {
            throw new IllegalStateException(collection + ": " + page.records + " records read, X-Total-Count " + total);
        }
        return new Result(millis, page.records, page.bytes, pages, page.ids, page.latest, page.tombstones);
    }

    /**
     * Each of {@code paths} (under the rostering base) asked for in turn, as a consumer asks for one
     * class's roster or one user at a time; with {@code lists}, each answer's records are counted as a
     * page's are, else each answer is one record.
     */
    public Result each(List<String> paths, boolean lists) throws Exception {
        Page page = new Page(false);
        long start = System.nanoTime();
        for (String path : paths) {
            HttpResponse<InputStream> response = http.send(HttpRequest.newBuilder(URI.create(rostering + "/" + path))
                    .header("Authorization", "Bearer " + token).header("Accept", "application/json")
                    .timeout(PAGE_TIMEOUT).build(), HttpResponse.BodyHandlers.ofInputStream());
            try (InputStream body = response.body()) {
                if (response.statusCode() != 200) {
                    throw new IllegalStateException(path + " answered " + response.statusCode() + ": "
                            + new String(body.readNBytes(2000), StandardCharsets.UTF_8));
                }
                if (lists) {
                    page.parse(body);
                } else {
                    page.bytes += body.readAllBytes().length;
                    page.records++;
                }
            }
        }
        long millis = (System.nanoTime() - start) / 1_000_000;
        return new Result(millis, page.records, page.bytes, paths.size(), Set.of(), "", 0);
    }

    /** One small request, so the school's view is mapped (if it was not) before a warm listing is timed. */
    public void prime() throws Exception {
        HttpResponse<byte[]> response = http.send(HttpRequest.newBuilder(URI.create(rostering + "/users?limit=1"))
                .header("Authorization", "Bearer " + token).timeout(PAGE_TIMEOUT).build(), HttpResponse.BodyHandlers.ofByteArray());
        if (response.statusCode() != 200) {
            throw new IllegalStateException("users?limit=1 answered " + response.statusCode());
        }
    }

    /** What the pages read so far held. */
    private static final class Page {
        final Set<String> ids;
        int records;
        long bytes;
        String latest;
        int tombstones;

        Page(boolean keepIds) {
            ids = keepIds ? new HashSet<>() : null;
        }

        void parse(InputStream body) throws IOException {
            InputStream counted = new FilterInputStream(body) {
                @Override
                public int read() throws IOException {
                    int b = super.read();
                    bytes += b < 0 ? 0 : 1;
                    return b;
                }

                @Override
                public int read(byte[] buffer, int off, int len) throws IOException {
                    int n = super.read(buffer, off, len);
                    bytes += Math.max(0, n);
                    return n;
                }
            };
            try (JsonParser p = JSON.createParser(counted)) {
                expect(p.nextToken(), JsonToken.START_OBJECT);
                expect(p.nextToken(), JsonToken.FIELD_NAME);
                expect(p.nextToken(), JsonToken.START_ARRAY);
                while (p.nextToken() == JsonToken.START_OBJECT) {
                    record(p);
                }
                expect(p.currentToken(), JsonToken.END_ARRAY);
                expect(p.nextToken(), JsonToken.END_OBJECT);
                if (p.nextToken() != null) {
                    throw new IllegalStateException("more after the page's object");
                }
            }
        }

        private void record(JsonParser p) throws IOException {
            records++;
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String field = p.currentName();
                JsonToken value = p.nextToken();
                switch (field) {
                    case "sourcedId" -> {
                        if (ids != null) {
                            ids.add(p.getText());
                        }
                    }
                    case "status" -> tombstones += "tobedeleted".equals(p.getText()) ? 1 : 0;
                    case "dateLastModified" -> {
                        String text = p.getText();
                        latest = latest == null || text.compareTo(latest) > 0 ? text : latest;
                    }
                    default -> {
                        if (value == JsonToken.START_OBJECT || value == JsonToken.START_ARRAY) {
                            p.skipChildren();
                        }
                    }
                }
            }
        }

        private static void expect(JsonToken actual, JsonToken wanted) {
            if (actual != wanted) {
                throw new IllegalStateException("expected " + wanted + " in a page, got " + actual);
            }
        }
    }
}
