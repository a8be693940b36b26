package org.misbridge.shell;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import org.misbridge.api.json.SafeJson;

/**
 * What the school:* commands print with --json: indented, with control and bidi characters escaped
 * (the api's {@link SafeJson}), so a hostile MIS name reaches a script as it was and a terminal as text.
 * Field names are a contract for scripts.
 */
public final class CommandJson {

    private static final ObjectMapper MAPPER = new ObjectMapper(SafeJson.factory()).enable(SerializationFeature.INDENT_OUTPUT);

    private CommandJson() {
    }

    public static String write(Object value) {
        try {
            return MAPPER.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write JSON", e);
        }
    }
}
