package org.misbridge.mis.http;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * A successful (2xx) answer, read whole within the size cap.
 *
 * @param uri     what was asked for
 * @param status  the HTTP status
 * @param headers the first value of each header, names in lower case
 * @param body    the body's bytes
 */
public record HttpAnswer(URI uri, int status, Map<String, String> headers, byte[] body) {

    public HttpAnswer {
        Objects.requireNonNull(uri, "uri");
        headers = Map.copyOf(headers);
        Objects.requireNonNull(body, "body");
    }

    public @Nullable String header(String name) {
        return headers.get(name.toLowerCase(Locale.ROOT));
    }

    public String text() {
        return new String(body, StandardCharsets.UTF_8);
    }

    /** Where the answer came from, without query or credentials, for error messages. */
    public String where() {
        return MisHttpClient.redact(uri);
    }
}
