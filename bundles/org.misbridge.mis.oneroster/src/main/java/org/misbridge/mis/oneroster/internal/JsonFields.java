package org.misbridge.mis.oneroster.internal;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;
import java.util.StringJoiner;
import org.jspecify.annotations.Nullable;
import org.misbridge.api.spi.MisReadException;

/**
 * A OneRoster REST JSON object seen through the CSV column names, so that CSV and REST records
 * are read by the same code: {@code orgSourcedIds} is the {@code orgs} array's sourcedIds,
 * {@code userSourcedId} the {@code user} reference's, and so on.
 */
final class JsonFields implements Fields {

    private static final Map<String, String> REFERENCES = Map.of(
            "orgSourcedIds", "orgs",
            "agentSourcedIds", "agents",
            "classSourcedId", "class",
            "userSourcedId", "user",
            "schoolSourcedId", "school",
            "orgSourcedId", "org");

    private final String source;
    private final long number;
    private final JsonNode node;

    JsonFields(String source, long number, JsonNode node) {
        this.source = source;
        this.number = number;
        this.node = node;
    }

    /** What the record came from, for messages: the collection and its URL. */
    String source() {
        return source;
    }

    @Override
    public long number() {
        return number;
    }

    @Override
    public @Nullable String get(String column) {
        JsonNode value = node.get(column);
        if ((value == null || value.isNull()) && REFERENCES.containsKey(column)) {
            value = node.get(REFERENCES.get(column));
        }
        return text(value);
    }

    private static @Nullable String text(@Nullable JsonNode value) {
        if (value == null || value.isNull() || value.isMissingNode()) {
            return null;
        }
        if (value.isObject()) {
            return text(value.get("sourcedId"));
        }
        if (value.isArray()) {
            StringJoiner joined = new StringJoiner(",");
            for (JsonNode element : value) {
                String t = text(element);
                if (t != null) {
                    joined.add(t);
                }
            }
            return joined.length() == 0 ? null : joined.toString();
        }
        String t = value.asText().strip();
        return t.isEmpty() ? null : t;
    }

    @Override
    public MisReadException fail(@Nullable String column, String message, @Nullable Throwable cause) {
        return new MisReadException(source, number, column, message, cause);
    }
}
