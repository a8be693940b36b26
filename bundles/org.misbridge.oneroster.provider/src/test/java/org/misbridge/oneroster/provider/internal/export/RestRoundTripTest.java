package org.misbridge.oneroster.provider.internal.export;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.servlet.ServletContextHandler;
import org.eclipse.jetty.servlet.ServletHolder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.misbridge.api.Decryptor;
import org.misbridge.api.directory.DirectoryState;
import org.misbridge.api.directory.SyncOutcome;
import org.misbridge.api.directory.SyncRun;
import org.misbridge.api.model.School;
import org.misbridge.mis.http.HttpSettings;
import org.misbridge.mis.http.MisHttpClient;
import org.misbridge.mis.oneroster.internal.OneRosterRestReader;
import org.misbridge.mis.oneroster.internal.RestSettings;
import org.misbridge.oneroster.provider.internal.auth.ClientComponent;
import org.misbridge.oneroster.provider.internal.auth.ClientConfiguration;
import org.misbridge.oneroster.provider.internal.auth.Clients;
import org.misbridge.oneroster.provider.internal.http.OneRosterServlet;
import org.misbridge.oneroster.provider.internal.http.SchoolSource;
import org.misbridge.testkit.Configs;
import org.misbridge.testkit.SchoolGenerator;

/**
 * Issue 22's REST round trip at 10,000 students: the provider served by Jetty on 127.0.0.1 from a
 * store that synced a generated school, read by our OneRoster REST reader (client credentials token,
 * pages of 1,000) and synced into a second store, gives the same directory ({@link RosterSnapshot}),
 * and a second read and sync changes nothing.
 */
class RestRoundTripTest {
    private static final String SCHOOL = "rr";
    private static final String SECRET = "round-trip-secret-0123456789";

    @Test
    void aGeneratedSchoolServedOverHttpComesBackTheSame(@TempDir Path dir) throws Exception {
        SchoolGenerator.writeOneRosterCsv(SchoolGenerator.Spec.of(SCHOOL, 10_000, 23L), dir.resolve("mis"));
        SyncedSchool original = SyncedSchool.fromCsv(SCHOOL, dir.resolve("mis"));
        assertThat(original.sync().outcome()).isEqualTo(SyncOutcome.SUCCESS);
        DirectoryState before = original.directory.load(SCHOOL);

        Map<String, String> environment = new HashMap<>(Map.of("RR_SECRET", SECRET));
        Map<String, Object> properties = Map.of("client.id", "round-trip", "schools", SCHOOL,
                "scopes", "roster.readonly", "clientSecretEnv", "RR_SECRET", "requestsPerMinute", "100000");
        Clients clients = new Clients();
        clients.add(ClientComponent.client(Configs.of(ClientConfiguration.class, properties), properties,
                Map.<String, Decryptor>of(), null, environment::get));
        Instant synced = Instant.now();
        SchoolSource source = new SchoolSource() {
            @Override
            public DirectoryState load(String schoolId) {
                return original.directory.load(schoolId);
            }

            @Override
            public School school(String schoolId) {
                return new School(schoolId, schoolId, OneRosterExport.ZONE);
            }

            @Override
            public Instant lastModified(String schoolId) {
                return synced;
            }
        };
        Server server = new Server(new InetSocketAddress("127.0.0.1", 0));
        ServletContextHandler context = new ServletContextHandler(ServletContextHandler.NO_SESSIONS);
        context.setContextPath("/ims/oneroster");
        context.addServlet(new ServletHolder(new OneRosterServlet(source, clients, original.directory.auditTrail(), Clock.systemUTC())), "/*");
        server.setHandler(context);
        server.start();
        String root = "http://127.0.0.1:" + server.getURI().getPort() + "/ims/oneroster";
        try (MisHttpClient http = new MisHttpClient("round-trip", HttpSettings.defaults(), pause -> { })) {
            RestSettings rest = new RestSettings(URI.create(root + "/rostering/v1p2"), true, 1000, false, Duration.ofHours(24));
            OneRosterRestReader reader = new OneRosterRestReader(SCHOOL, rest, null, http,
                    http.clientCredentials(URI.create(root + "/oauth/token"), "round-trip", SECRET, null), Clock.systemUTC());
            SyncedSchool copy = new SyncedSchool(SCHOOL, reader);
            long t0 = System.nanoTime();
            SyncRun first = copy.sync();
            long read = System.nanoTime();
            assertThat(first.outcome()).as(first.message()).isEqualTo(SyncOutcome.SUCCESS);
            RosterSnapshot expected = RosterSnapshot.of(before);
            RosterSnapshot actual = RosterSnapshot.of(copy.directory.load(SCHOOL));
            actual.assertSameAs(expected);

            SyncRun again = copy.sync();
            assertThat(again.outcome()).isEqualTo(SyncOutcome.SUCCESS);
            assertThat(List.of(again.created(), again.updated(), again.removed())).containsExactly(0, 0, 0);
            System.out.printf("REST round trip, 10000 students: %d rows compared; read over HTTP (limit=1000) and sync %d ms%n",
                    expected.rows(), (read - t0) / 1_000_000);
        } finally {
            server.stop();
        }
    }
}
