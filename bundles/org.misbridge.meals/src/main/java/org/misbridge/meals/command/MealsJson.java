package org.misbridge.meals.command;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import org.misbridge.api.json.SafeJson;

/** JSON for --json output. */
final class MealsJson {

    private static final ObjectMapper MAPPER = new ObjectMapper(SafeJson.factory()).enable(SerializationFeature.INDENT_OUTPUT);

    private MealsJson() {
    }

    static String write(Object value) {
        try {
            return MAPPER.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write JSON", e);
        }
    }
}
