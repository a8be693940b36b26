package org.misbridge.benchmarks.provider;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Base64;
import java.util.Map;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.servlet.ServletContextHandler;
import org.eclipse.jetty.servlet.ServletHolder;
import org.misbridge.api.Decryptor;
import org.misbridge.api.SyncService;
import org.misbridge.oneroster.provider.internal.auth.ClientActivity;
import org.misbridge.oneroster.provider.internal.auth.ClientComponent;
import org.misbridge.oneroster.provider.internal.auth.ClientConfiguration;
import org.misbridge.oneroster.provider.internal.auth.Clients;
import org.misbridge.oneroster.provider.internal.http.OneRosterServlet;
import org.misbridge.store.jdbc.internal.JdbcDirectory;
import org.misbridge.testkit.Configs;

/**
 * The provider as the host serves it: the servlet built by its DS constructor (the store's directory
 * and change log, the sync service) in Jetty, Pax Web's container, on 127.0.0.1, with one
 * {@code roster.readonly} client of the school configured as its .cfg file would configure it, and a
 * bearer token from the provider's own token endpoint.
 */
public final class ProviderHost implements AutoCloseable {
    private static final String CLIENT = "bench-app";
    /** A generated secret for a throw-away client; never printed. */
    private static final String SECRET = java.util.UUID.randomUUID() + "-bench";

    private final Server server;
    /** The rostering service's base URL, as the servlet writes it into hrefs. */
    public final String rostering;
    public final String token;

    public ProviderHost(JdbcDirectory directory, SyncService syncService, String schoolId, HttpClient http)
            throws Exception {
        Clients clients = new Clients();
        Map<String, Object> properties = Map.of("client.id", CLIENT, "schools", schoolId, "scopes", "roster.readonly",
                "clientSecretEnv", "BENCH_SECRET", "requestsPerMinute", "1000000");
        clients.add(ClientComponent.client(Configs.of(ClientConfiguration.class, properties), properties,
                Map.<String, Decryptor>of(), null, Map.of("BENCH_SECRET", SECRET)::get));
        OneRosterServlet servlet = new OneRosterServlet(directory, directory.changeLog(),
                new ClientActivity(clients, Clock.systemUTC()), directory.auditTrail(), syncService);
        server = new Server(new InetSocketAddress("127.0.0.1", 0));
        ServletContextHandler context = new ServletContextHandler(ServletContextHandler.NO_SESSIONS);
        context.setContextPath("/ims/oneroster");
        context.addServlet(new ServletHolder(servlet), "/*");
        server.setHandler(context);
        server.start();
        String root = "http://127.0.0.1:" + server.getURI().getPort() + "/ims/oneroster";
        rostering = root + OneRosterServlet.ROSTERING;
        token = token(http, root);
    }

    /** A client-credentials grant, as a consumer asks for one. */
    private static String token(HttpClient http, String root) throws Exception {
        String basic = Base64.getEncoder().encodeToString((CLIENT + ":" + SECRET).getBytes(StandardCharsets.UTF_8));
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(root + OneRosterServlet.TOKEN))
                .header("Authorization", "Basic " + basic)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("grant_type=client_credentials")).build(),
                HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IllegalStateException("the token endpoint answered " + response.statusCode());
        }
        return new ObjectMapper().readTree(response.body()).get("access_token").asText();
    }

    @Override
    public void close() throws Exception {
        server.stop();
    }
}
