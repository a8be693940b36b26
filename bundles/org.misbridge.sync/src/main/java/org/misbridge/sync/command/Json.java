package org.misbridge.sync.command;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.util.LinkedHashMap;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.misbridge.api.directory.RowCounts;
import org.misbridge.api.directory.SyncRun;
import org.misbridge.api.json.SafeJson;

/** The JSON shapes that commands print with --json; field names are a contract for scripts. */
final class Json {

    private static final ObjectMapper MAPPER = new ObjectMapper(SafeJson.factory()).enable(SerializationFeature.INDENT_OUTPUT);

    private Json() {
    }

    static String write(Object value) {
        try {
            return MAPPER.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write JSON", e);
        }
    }

    static @Nullable Map<String, Object> run(@Nullable SyncRun run) {
        if (run == null) {
            return null;
        }
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("outcome", run.outcome().name());
        m.put("startedAt", run.startedAt().toString());
        m.put("finishedAt", run.finishedAt().toString());
        m.put("created", run.created());
        m.put("updated", run.updated());
        m.put("removed", run.removed());
        m.put("message", run.message());
        m.put("host", run.host());
        m.put("scheduledFor", run.scheduledFor() == null ? null : run.scheduledFor().toString());
        RowCounts rows = run.rows();
        m.put("rowsRead", rows == null ? null : rows.read());
        m.put("rowsCompared", rows == null ? null : rows.compared());
        m.put("rowsLoaded", rows == null ? null : rows.loaded());
        m.put("rowsWritten", rows == null ? null : rows.written());
        return m;
    }
}
