package org.misbridge.oneroster.provider.internal.http;

import java.util.LinkedHashMap;
import java.util.Map;
import org.misbridge.oneroster.provider.internal.query.OneRosterException;

/** A response before it is written: status, headers, and the JSON body. */
public record Answer(int status, Map<String, String> headers, Map<String, Object> body) {
    public Answer {
        headers = new LinkedHashMap<>(headers);
        body = new LinkedHashMap<>(body);
    }

    static Answer ok(Map<String, String> headers, Map<String, Object> body) {
        return new Answer(200, headers, body);
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
        return new Answer(status, more, body);
    }
}
