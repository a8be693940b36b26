package org.misbridge.oneroster.provider.internal.http;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import javax.servlet.Servlet;
import javax.servlet.http.HttpServlet;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;
import org.jspecify.annotations.Nullable;
import org.misbridge.api.AuditTrail;
import org.misbridge.api.ChangeLog;
import org.misbridge.api.Directory;
import org.misbridge.api.ServedRequests;
import org.misbridge.api.SyncService;
import org.misbridge.api.json.SafeJson;
import org.misbridge.oneroster.provider.internal.auth.ClientActivity;
import org.misbridge.oneroster.provider.internal.auth.Clients;
import org.misbridge.oneroster.provider.internal.auth.Grant;
import org.misbridge.oneroster.provider.internal.auth.RateLimit;
import org.misbridge.oneroster.provider.internal.auth.Tokens;
import org.misbridge.oneroster.provider.internal.auth.Usage;
import org.misbridge.oneroster.provider.internal.query.CodeMinor;
import org.misbridge.oneroster.provider.internal.query.OneRosterException;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.osgi.service.event.Event;
import org.osgi.service.event.EventAdmin;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code /ims/oneroster}: the token endpoint {@value #TOKEN} and the rostering service under
 * {@value #ROSTERING}, with each school's bulk CSV set at {@code schools/{id}/bulk.zip}. A data request needs a live bearer token; then the client's rate limit; then
 * the endpoint. Every rostering error is written with its {@code imsx_StatusInfo}.
 */
@Component(service = Servlet.class, property = {
    "osgi.http.whiteboard.servlet.pattern=/*",
    "osgi.http.whiteboard.servlet.name=misbridge-oneroster",
    OneRosterContext.SELECT
})
public final class OneRosterServlet extends HttpServlet {
    public static final String TOKEN = "/oauth/token";
    public static final String ROSTERING = "/rostering/v1p2";
    private static final long serialVersionUID = 1L;
    private static final Logger LOG = LoggerFactory.getLogger(OneRosterServlet.class);
    private static final ObjectMapper JSON = new ObjectMapper(SafeJson.factory());
    /** A token request is a few short parameters. */
    private static final int MAX_TOKEN_BODY = 4096;
    /** The request attribute naming the client of a data request whose token was good. */
    private static final String CLIENT = OneRosterServlet.class.getName() + ".client";

    private final transient Clients clients;
    private final transient Tokens tokens;
    private final transient Usage usage;
    private final transient TokenEndpoint tokenEndpoint;
    private final transient RateLimit rateLimit;
    private final transient RosterEndpoints endpoints;
    private final transient BulkDownload bulk;

    /** Where each answered request is posted for the metrics (org.misbridge.web), when EventAdmin runs. */
    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC)
    private transient volatile @Nullable EventAdmin eventAdmin;

    @Activate
    public OneRosterServlet(@Reference Directory directory, @Reference ChangeLog changeLog,
            @Reference ClientActivity activity, @Reference AuditTrail trail,
            @Reference(cardinality = ReferenceCardinality.OPTIONAL, policyOption = ReferencePolicyOption.GREEDY)
            @Nullable SyncService syncService) {
        this(new DirectorySource(directory, changeLog, syncService), activity, trail, Clock.systemUTC());
    }

    public OneRosterServlet(SchoolSource source, Clients clients, AuditTrail trail, Clock clock) {
        this(source, new ClientActivity(clients, clock), trail, clock);
    }

    public OneRosterServlet(SchoolSource source, ClientActivity activity, AuditTrail trail, Clock clock) {
        this.clients = activity.clients();
        this.tokens = activity.tokens();
        this.usage = activity.usage();
        this.tokenEndpoint = new TokenEndpoint(clients, tokens, activity.brake());
        this.rateLimit = new RateLimit(clock);
        this.endpoints = new RosterEndpoints(new RosterViews(source, clock), clients::servedSchools);
        this.bulk = new BulkDownload(endpoints, trail, clock);
    }

    void setEventAdmin(@Nullable EventAdmin eventAdmin) {
        this.eventAdmin = eventAdmin;
    }

    @Override
    protected void service(HttpServletRequest request, HttpServletResponse response) throws IOException {
        long start = System.nanoTime();
        String path = request.getPathInfo() == null ? "" : request.getPathInfo();
        Answer answer;
        if (path.equals(TOKEN)) {
            byte[] body = request.getInputStream().readNBytes(MAX_TOKEN_BODY + 1);
            answer = body.length > MAX_TOKEN_BODY
                    ? new Answer(413, Map.of(), Map.of("error", "invalid_request", "error_description", "the body is too large"))
                    : tokenEndpoint.handle(request.getMethod(), request.getHeader("Authorization"), request.getContentType(),
                            new String(body, StandardCharsets.UTF_8), request.getQueryString() != null,
                            request.getRemoteAddr());
        } else {
            answer = rostering(request, path);
        }
        try {
            write(response, answer);
        } finally {
            served(path, answer, (System.nanoTime() - start) / 1e6, request.getAttribute(CLIENT));
        }
    }

    /** Posts the request for the metrics: its route template, status, time and client (a configured id). */
    private void served(String path, Answer answer, double millis, @Nullable Object client) {
        EventAdmin events = eventAdmin;
        if (events == null) {
            return;
        }
        Map<String, Object> properties = new HashMap<>();
        properties.put(ServedRequests.SERVICE, "oneroster");
        properties.put(ServedRequests.ENDPOINT, Routes.template(path));
        properties.put(ServedRequests.STATUS, answer.status());
        properties.put(ServedRequests.DURATION_MILLIS, millis);
        if (client != null) {
            properties.put(ServedRequests.CLIENT, client);
        }
        events.postEvent(new Event(ServedRequests.TOPIC, properties));
    }

    private Answer rostering(HttpServletRequest request, String path) {
        try {
            if (!path.equals(ROSTERING) && !path.startsWith(ROSTERING + "/")) {
                throw OneRosterException.unknownObject("endpoints", path);
            }
            if (!request.getMethod().equals("GET")) {
                return Answer.of(new OneRosterException(405, CodeMinor.INVALIDDATA,
                        "the rostering service is read-only: use GET")).with("Allow", "GET");
            }
            Grant grant = grant(request.getHeader("Authorization"));
            usage.record(grant.client().id());
            request.setAttribute(CLIENT, grant.client().id());
            Duration wait = rateLimit.take(grant.client());
            if (!wait.isZero()) {
                return Answer.of(OneRosterException.busy("too many requests for this client; try again after "
                        + Math.max(1, (wait.toMillis() + 999) / 1000) + " s"))
                        .with("Retry-After", Long.toString(Math.max(1, (wait.toMillis() + 999) / 1000)));
            }
            String url = request.getRequestURL().toString();
            String base = url.substring(0, url.indexOf(OneRosterContext.PATH + ROSTERING)) + OneRosterContext.PATH + ROSTERING;
            String rest = path.substring(ROSTERING.length());
            String bulkSchool = BulkDownload.school(rest);
            return bulkSchool != null ? bulk.answer(grant, bulkSchool, request.getParameterMap(), base)
                    : endpoints.answer(grant, rest, request.getParameterMap(), base);
        } catch (OneRosterException e) {
            return Answer.of(e);
        } catch (RuntimeException e) {
            LOG.error("OneRoster request {} failed", path, e);
            return Answer.of(OneRosterException.internal());
        }
    }

    private Grant grant(@Nullable String authorization) {
        if (authorization == null || !authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
            throw OneRosterException.unauthorised("a bearer token is needed: get one from " + OneRosterContext.PATH + TOKEN);
        }
        Grant grant = tokens.check(authorization.substring(7).strip(), clients::get);
        if (grant == null) {
            throw OneRosterException.unauthorised("the token is unknown or has expired: get a new one from "
                    + OneRosterContext.PATH + TOKEN);
        }
        return grant;
    }

    private static void write(HttpServletResponse response, Answer answer) throws IOException {
        response.setStatus(answer.status());
        answer.headers().forEach(response::setHeader);
        if (!answer.headers().containsKey("Cache-Control")) {
            response.setHeader("Cache-Control", "no-store"); // personal data: no cache keeps it
        }
        Answer.File file = answer.file();
        if (file != null) { // streamed as it is made: a school's set is never on disk, nor whole in a buffer
            response.setContentType(file.contentType());
            try (OutputStream out = response.getOutputStream()) {
                file.content().writeTo(out);
            }
            return;
        }
        response.setContentType("application/json");
        response.setCharacterEncoding("UTF-8");
        try (OutputStream out = response.getOutputStream()) {
            JSON.writeValue(out, answer.body());
        }
    }
}
