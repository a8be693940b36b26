package org.misbridge.sync.command;

import java.util.LinkedHashMap;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.misbridge.api.directory.RowCounts;
import org.misbridge.api.directory.SyncRun;

/** The JSON shape of a sync run in school:status, list, health, stats and sync --json; field names are a contract for scripts. */
final class RunJson {

    private RunJson() {
    }

    static @Nullable Map<String, Object> of(@Nullable SyncRun run) {
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
