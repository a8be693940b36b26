package org.misbridge.web.internal;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.io.OutputStream;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.servlet.Servlet;
import javax.servlet.http.HttpServlet;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;
import org.jspecify.annotations.Nullable;
import org.misbridge.api.SchoolHealth;
import org.misbridge.api.SyncService;
import org.misbridge.api.directory.SyncRun;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.misbridge.api.json.SafeJson;

/**
 * {@code GET /misbridge/health}: each configured school as {@code ok}, {@code stale} or
 * {@code failing}, with the precise state, the cause, the last good read and the next run, as
 * {@code school:health --json} shows them. {@code ?school=ID} limits it to one school.
 */
@Component(service = Servlet.class, property = {
    "osgi.http.whiteboard.servlet.pattern=/health",
    "osgi.http.whiteboard.servlet.name=misbridge-health",
    MisBridgeContext.SELECT
})
public final class HealthServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;
    private static final ObjectMapper JSON = new ObjectMapper(SafeJson.factory()).enable(SerializationFeature.INDENT_OUTPUT);

    private final transient SyncService syncService;

    @Activate
    public HealthServlet(@Reference SyncService syncService) {
        this.syncService = syncService;
    }

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        String only = request.getParameter("school");
        Map<String, Object> body = body(syncService.health(), only, Instant.now());
        if (body == null) {
            // JSON like every other answer, so a monitor parses it the same way (not the container's HTML page)
            Map<String, Object> notFound = new LinkedHashMap<>();
            notFound.put("status", "unknown");
            notFound.put("error", "no school is configured with that id");
            write(response, HttpServletResponse.SC_NOT_FOUND, notFound);
            return;
        }
        write(response, HttpServletResponse.SC_OK, body);
    }

    /** The answer for these schools (only the one asked for, if any); null if that one is not among them. */
    static @Nullable Map<String, Object> body(List<SchoolHealth> all, @Nullable String only, Instant at) {
        List<Map<String, Object>> schools = new ArrayList<>();
        String overall = "ok";
        for (SchoolHealth h : all) {
            if (only != null && !only.equals(h.schoolId())) {
                continue;
            }
            String health = summary(h.state());
            overall = worse(overall, health);
            schools.add(school(h, health));
        }
        if (only != null && schools.isEmpty()) {
            return null;
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("status", overall);
        body.put("at", at.toString());
        body.put("schools", schools);
        return body;
    }

    /** As the servlet writes it: every value escaped by SafeJson, so the body stays one valid JSON document. */
    static void write(OutputStream out, Map<String, Object> body) throws IOException {
        JSON.writeValue(out, body);
    }

    private static void write(HttpServletResponse response, int status, Map<String, Object> body) throws IOException {
        response.setStatus(status);
        response.setContentType("application/json");
        response.setCharacterEncoding("UTF-8");
        response.setHeader("Cache-Control", "no-store");
        write(response.getOutputStream(), body);
    }

    /**
     * The three words a monitor needs: paused schools are as their operator wants them (ok); a school
     * that has never read, or not read when due, is stale; a failed or refused sync, a refused
     * configuration or a missing reader needs someone (failing).
     */
    static String summary(SchoolHealth.State state) {
        return switch (state) {
            case OK, PAUSED -> "ok";
            case STALE, NEVER_SYNCED -> "stale";
            case FAILING, REFUSED, MISCONFIGURED, NO_READER -> "failing";
        };
    }

    private static String worse(String a, String b) {
        List<String> order = List.of("ok", "stale", "failing");
        return order.indexOf(a) >= order.indexOf(b) ? a : b;
    }

    private static Map<String, Object> school(SchoolHealth h, String health) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("school", h.schoolId());
        m.put("health", health);
        m.put("state", h.state().name());
        m.put("cause", h.cause());
        m.put("lastGoodRead", text(h.lastGoodRead()));
        m.put("nextRun", text(h.nextRun()));
        m.put("schedule", h.schedule());
        m.put("lastRun", run(h.lastRun()));
        return m;
    }

    private static @Nullable Map<String, Object> run(@Nullable SyncRun run) {
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
        return m;
    }

    private static @Nullable String text(@Nullable Instant t) {
        return t == null ? null : t.toString();
    }
}
