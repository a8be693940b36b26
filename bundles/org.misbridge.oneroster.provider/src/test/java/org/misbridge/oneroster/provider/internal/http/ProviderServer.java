package org.misbridge.oneroster.provider.internal.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.misbridge.oneroster.provider.internal.auth.ClientActivity;
import org.osgi.service.event.Event;
import org.osgi.service.event.EventAdmin;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.servlet.ServletContextHandler;
import org.eclipse.jetty.servlet.ServletHolder;
import java.util.UUID;
import org.h2.jdbcx.JdbcDataSource;
import org.misbridge.api.AuditTrail;
import org.misbridge.api.Decryptor;
import org.misbridge.oneroster.provider.internal.auth.ClientComponent;
import org.misbridge.oneroster.provider.internal.auth.ClientConfiguration;
import org.misbridge.oneroster.provider.internal.auth.Clients;
import org.misbridge.store.jdbc.internal.JdbcDirectory;
import org.misbridge.testkit.Configs;
import org.misbridge.testkit.MovableClock;

/**
 * The provider's servlet in a real servlet container (Jetty, as Pax Web runs it) on 127.0.0.1, with
 * clients configured as their .cfg files would configure them, a clock the test moves, and the audit
 * trail of a real store on a private H2.
 */
final class ProviderServer implements AutoCloseable {
    static final String CORE = "https://purl.imsglobal.org/spec/or/v1p2/scope/roster-core.readonly";
    static final String FULL = "https://purl.imsglobal.org/spec/or/v1p2/scope/roster.readonly";
    private static final ObjectMapper JSON = new ObjectMapper();

    final Clients clients = new Clients();
    final Map<String, String> environment = new HashMap<>();
    final TwoSchools schools = new TwoSchools();
    // starts now: the store stamps its change log with the wall clock, and a delta's retention is judged
    // against this clock (a fixed start made the retention test fail once the day it was written had passed)
    final MovableClock clock = new MovableClock(Instant.now().truncatedTo(ChronoUnit.SECONDS));
    final ClientActivity activity = new ClientActivity(clients, clock);
    /** Where downloads are audited: the store's trail, as school:audit reads it. */
    final AuditTrail trail;
    /** What the servlet posted for the metrics, in order. */
    final List<Event> events = new CopyOnWriteArrayList<>();
    private final Server server;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    final String root;

    /** Serving {@link TwoSchools}. */
    ProviderServer() throws Exception {
        this(null);
    }

    /** Serving the schools of {@code source} ({@link TwoSchools} when null). */
    ProviderServer(SchoolSource source) throws Exception {
        JdbcDataSource ds = new JdbcDataSource();
        ds.setURL("jdbc:h2:mem:" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
        JdbcDirectory store = new JdbcDirectory(ds);
        store.migrate();
        trail = store.auditTrail();
        server = new Server(new InetSocketAddress("127.0.0.1", 0));
        ServletContextHandler context = new ServletContextHandler(ServletContextHandler.NO_SESSIONS);
        context.setContextPath("/ims/oneroster");
        OneRosterServlet servlet = new OneRosterServlet(source == null ? schools : source, activity, trail, clock);
        servlet.setEventAdmin(new EventAdmin() {
            @Override
            public void postEvent(Event event) {
                events.add(event);
            }

            @Override
            public void sendEvent(Event event) {
                events.add(event);
            }
        });
        context.addServlet(new ServletHolder(servlet), "/*");
        server.setHandler(context);
        server.start();
        root = "http://127.0.0.1:" + server.getURI().getPort() + "/ims/oneroster";
    }

    /** Configures a client as etc/org.misbridge.oneroster.client-NAME.cfg would, its secret in an environment variable. */
    void client(String id, String secret, String schools, String scopes, int requestsPerMinute) {
        String variable = "SECRET_" + id.toUpperCase().replace('-', '_');
        environment.put(variable, secret);
        Map<String, Object> properties = Map.of("client.id", id, "schools", schools, "scopes", scopes,
                "clientSecretEnv", variable, "requestsPerMinute", Integer.toString(requestsPerMinute));
        clients.add(ClientComponent.client(Configs.of(ClientConfiguration.class, properties), properties,
                Map.<String, Decryptor>of(), null, environment::get));
    }

    HttpResponse<String> token(String id, String secret, String scope) throws Exception {
        String basic = Base64.getEncoder().encodeToString((id + ":" + secret).getBytes(StandardCharsets.UTF_8));
        return post("/oauth/token", "grant_type=client_credentials" + (scope == null ? "" : "&scope=" + scope.replace(" ", "%20")),
                "Basic " + basic);
    }

    String bearer(String id, String secret) throws Exception {
        HttpResponse<String> response = token(id, secret, null);
        if (response.statusCode() != 200) {
            throw new AssertionError(response.body());
        }
        return json(response).get("access_token").asText();
    }

    HttpResponse<String> post(String path, String form, String authorization) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(root + path))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form));
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** A GET of the rostering service, e.g. {@code /users?limit=2}, with this token (none when null). */
    HttpResponse<String> get(String path, String token) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(root + "/rostering/v1p2" + path));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** A GET of the rostering service answered as bytes (a file), with this token. */
    HttpResponse<byte[]> download(String path, String token) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(root + "/rostering/v1p2" + path))
                .header("Authorization", "Bearer " + token).build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    static JsonNode json(HttpResponse<String> response) throws Exception {
        return JSON.readTree(response.body());
    }

    @Override
    public void close() throws Exception {
        server.stop();
    }
}
