package org.misbridge.benchmarks.provider;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.OutputStream;
import java.time.Instant;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.misbridge.api.ChangeLog;
import org.misbridge.api.Directory;
import org.misbridge.api.SchoolHealth;
import org.misbridge.api.SyncService;
import org.misbridge.api.directory.ChangeLogState;
import org.misbridge.api.directory.DirectoryState;
import org.misbridge.api.json.SafeJson;
import org.misbridge.api.model.School;
import org.misbridge.oneroster.provider.internal.delta.SchoolChanges;
import org.misbridge.oneroster.provider.internal.mapping.RosterMapper;
import org.misbridge.oneroster.provider.internal.mapping.RosterView;

/**
 * The floor: the records the provider serves, mapped as its views map them (untimed), written as the
 * servlet writes a page ({@code {"users": [...]}}, the servlet's ObjectMapper on SafeJson's factory),
 * page by page into a stream that only counts, with no HTTP and no query.
 */
public final class RawJson {
    private static final ObjectMapper JSON = new ObjectMapper(SafeJson.factory());
    private static final ZoneId ZONE = ZoneId.of("Europe/London");

    private final RosterView view;

    private RawJson(RosterView view) {
        this.view = view;
    }

    /** The school mapped as the servlet's DirectorySource and RosterViews map it, hrefs under {@code rostering}. */
    public static RawJson of(Directory directory, ChangeLog changeLog, SyncService syncService, String schoolId,
            String rostering) {
        ChangeLogState state = changeLog.state(schoolId);
        SchoolChanges changes = SchoolChanges.logged(state, changeLog.retention(),
                state.began() == null ? List.of() : changeLog.changesSince(schoolId, Instant.EPOCH), Instant.now());
        DirectoryState rows = directory.load(schoolId);
        String name = syncService.school(schoolId).map(SyncService.SchoolInfo::name).orElse(schoolId);
        Instant lastRead = syncService.health().stream().filter(h -> h.schoolId().equals(schoolId))
                .map(SchoolHealth::lastGoodRead).filter(java.util.Objects::nonNull).findFirst().orElse(Instant.now());
        return new RawJson(RosterMapper.map(rows, new School(schoolId, name, ZONE), lastRead, changes, rostering));
    }

    public int records(String collection) {
        return view.collection(collection).size();
    }

    /** Writes the collection in pages of {@code limit}; returns the bytes written. */
    public long write(String collection, int limit) throws IOException {
        List<Map<String, Object>> records = view.collection(collection);
        Counting out = new Counting();
        for (int from = 0; from < records.size(); from += limit) {
            Map<String, Object> body = new LinkedHashMap<>();
            body.put(collection, records.subList(from, Math.min(records.size(), from + limit)));
            JSON.writeValue(out, body);
        }
        return out.bytes;
    }

    /** Counts what is written and keeps none of it; never closed by Jackson's writes (nothing to close). */
    private static final class Counting extends OutputStream {
        long bytes;

        @Override
        public void write(int b) {
            bytes++;
        }

        @Override
        public void write(byte[] b, int off, int len) {
            bytes += len;
        }
    }
}
