package org.misbridge.oneroster.provider.internal.http;

import java.io.IOException;
import java.io.OutputStream;
import java.util.LinkedHashMap;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.misbridge.oneroster.provider.internal.query.OneRosterException;

/**
 * A response before it is written: status, headers, and the JSON body, or, for a file, its content
 * type and what streams it (then the JSON body is empty).
 */
public record Answer(int status, Map<String, String> headers, Map<String, Object> body, @Nullable File file) {
    public Answer {
        headers = new LinkedHashMap<>(headers);
        body = new LinkedHashMap<>(body);
    }

    public Answer(int status, Map<String, String> headers, Map<String, Object> body) {
        this(status, headers, body, null);
    }

    /** A file answered in place of JSON, written straight to the response. */
    public record File(String contentType, Content content) {
    }

    /** Writes a file's bytes; the stream is the response's and is closed by the caller. */
    public interface Content {
        void writeTo(OutputStream out) throws IOException;
    }

    static Answer ok(Map<String, String> headers, Map<String, Object> body) {
        return new Answer(200, headers, body);
    }

    static Answer file(Map<String, String> headers, String contentType, Content content) {
        return new Answer(200, headers, Map.of(), new File(contentType, content));
    }

    /** An error of the rostering service: its status and {@code imsx_StatusInfo} as the whole body. */
    static Answer of(OneRosterException e) {
        Map<String, String> headers = new LinkedHashMap<>();
        if (e.httpStatus() == 401) {
            headers.put("WWW-Authenticate", "Bearer realm=\"OneRoster\"");
        }
        return new Answer(e.httpStatus(), headers, e.statusInfo());
    }

    Answer with(String header, String value) {
        Map<String, String> more = new LinkedHashMap<>(headers);
        more.put(header, value);
        return new Answer(status, more, body, file);
    }
}
