package org.misbridge.meals.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.misbridge.api.directory.SyncOutcome;
import org.misbridge.testkit.EchoingServer;
import org.misbridge.testkit.EchoingServer.Form;
import org.misbridge.testkit.SchoolGenerator;

/**
 * A meal manager on 127.0.0.1 that refuses the push and echoes the request, credentials first:
 * the last error the store keeps, the status commands show and the log line carry none of them.
 */
class EchoedMealsCredentialsTest {

    private static final String PASSWORD = "canteen-Password-91fe0a";
    private static final String TOKEN = "meals-Token-3c8d21b7aa";

    private EchoingServer echo;
    private SchoolWithMeals school;

    @AfterEach
    void stop() {
        if (school != null && school.exporter != null) {
            school.stopMeals();
        }
        if (echo != null) {
            echo.close();
        }
    }

    private MealsExport.Status failedPush(Path dir, Form form, Map<String, Object> credentials) throws Exception {
        echo = EchoingServer.start(400, form);
        SchoolGenerator.writeOneRosterCsv(SchoolGenerator.Spec.of("org-echo", 30, 5L), dir.resolve("mis"));
        school = new SchoolWithMeals("echo", dir.resolve("mis"), Map.of());
        assertThat(school.sync().outcome()).isEqualTo(SyncOutcome.SUCCESS);
        Map<String, Object> settings = new HashMap<>(credentials);
        settings.put("meals_endpoint", echo.baseUrl().resolve("/meals").toString());
        settings.put("meals_responseTimeoutSeconds", 5);
        settings.put("meals_retry_firstSeconds", 60); // one push is enough to look at
        settings.put("meals_retry_maxSeconds", 60);
        school.startMeals(settings);
        Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> school.exporter.status().lastError() != null);
        return school.exporter.status();
    }

    @Test
    void aPasswordEchoedAsTextIsMaskedInTheStoredErrorAndTheLog(@TempDir Path dir) throws Exception {
        Path file = Files.writeString(dir.resolve("meals-password"), PASSWORD + "\n");
        String basic = Base64.getEncoder().encodeToString(("canteen:" + PASSWORD).getBytes(StandardCharsets.UTF_8));
        ByteArrayOutputStream log = new ByteArrayOutputStream();
        PrintStream err = System.err;
        MealsExport.Status status;
        System.setErr(new PrintStream(log, true, StandardCharsets.UTF_8)); // slf4j-simple writes to System.err
        try {
            status = failedPush(dir, Form.TEXT, Map.of("meals_username", "canteen", "meals_passwordFile", file.toString()));
        } finally {
            System.setErr(err);
        }

        assertThat(echo.echoed()).first().asString().contains("Authorization: Basic " + basic);
        String stored = school.directory.outbox().feedState("echo", MealsPolicy.TOPIC).lastError();
        assertThat(status.lastError()).isEqualTo(stored).contains("HTTP 400", "Authorization: ****");
        assertThat(stored + status + log.toString(StandardCharsets.UTF_8)).doesNotContain(basic).doesNotContain(PASSWORD);
        assertThat(log.toString(StandardCharsets.UTF_8)).contains("meal push failed", "HTTP 400");
    }

    @Test
    void aBearerTokenEchoedAsJsonIsMaskedInTheStoredError(@TempDir Path dir) throws Exception {
        Path file = Files.writeString(dir.resolve("meals-token"), TOKEN + "\n");

        MealsExport.Status status = failedPush(dir, Form.JSON, Map.of("meals_tokenFile", file.toString()));

        assertThat(echo.echoed()).first().asString().contains("Bearer " + TOKEN);
        assertThat(status.lastError()).contains("HTTP 400", "\"authorization\":\"****\"").doesNotContain(TOKEN);
        assertThat(school.directory.outbox().feedState("echo", MealsPolicy.TOPIC).lastError()).doesNotContain(TOKEN);
    }
}
