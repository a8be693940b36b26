package org.misbridge.meals.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import org.misbridge.api.directory.PendingEntry;
import org.misbridge.api.spi.MisReadException;
import org.misbridge.mis.http.Credentials;
import org.misbridge.mis.http.HttpSettings;
import org.misbridge.mis.http.HttpStatusException;
import org.misbridge.mis.http.MisHttpClient;

/**
 * POSTs each batch as JSON, {"school": id, "changes": [{"changeId": …, "memberId": …, "status": …}]};
 * any 2xx acknowledges the whole batch. It talks through the readers' shared client, so timeouts,
 * the response cap and redaction are the same (an error answer is quoted with the password, the
 * token and the header we sent masked, since a meal manager may echo the request it refused). One
 * attempt per push: the exporter retries the batch, waiting at least what a 429 or 503 asked for
 * in {@code Retry-After}, and the change ids let the meal manager ignore one it already applied.
 */
final class HttpMealsTransport implements MealsTransport {

    private static final ObjectMapper JSON = new ObjectMapper();
    /** An acknowledgement is a status; its body is never used, so a large one is refused unread. */
    private static final long MAX_ANSWER_BYTES = 1024 * 1024;

    private final URI endpoint;
    private final Credentials credentials;
    private final MisHttpClient client;

    HttpMealsTransport(String schoolId, URI endpoint, String username, String password, String token, int connectSeconds,
            int responseSeconds) {
        if (!"http".equals(endpoint.getScheme()) && !"https".equals(endpoint.getScheme())) {
            throw new IllegalArgumentException("meals.endpoint '" + MisHttpClient.redact(endpoint) + "' is not an http or https URL");
        }
        this.endpoint = endpoint;
        this.credentials = !token.isBlank() ? Credentials.bearer(token)
                : !username.isBlank() ? Credentials.basic(username, password)
                : Credentials.none();
        HttpSettings settings = new HttpSettings(Duration.ofSeconds(connectSeconds), Duration.ofSeconds(responseSeconds), 1,
                Duration.ZERO, Duration.ZERO, Duration.ofDays(1), MAX_ANSWER_BYTES);
        this.client = new MisHttpClient("school " + schoolId + " meals", settings);
        client.keepSecret(password, token);
    }

    @Override
    public String describe() {
        return "POST " + MisHttpClient.redact(endpoint);
    }

    @Override
    public void send(String schoolId, List<PendingEntry> batch) throws PushException {
        ObjectNode body = JSON.createObjectNode();
        body.put("school", schoolId);
        ArrayNode changes = body.putArray("changes");
        for (PendingEntry e : batch) {
            try {
                ObjectNode change = (ObjectNode) JSON.readTree(e.entry().payload());
                change.put("changeId", MealsTransport.changeId(schoolId, e));
                changes.add(change);
            } catch (JsonProcessingException ex) {
                throw new PushException("outbox entry " + e.seq() + " is not JSON: " + ex.getOriginalMessage(), ex);
            }
        }
        try {
            client.postJson(endpoint, credentials, body.toString());
        } catch (HttpStatusException e) {
            String reason = e.status() == 401 || e.status() == 403
                    ? "HTTP " + e.status() + ": the meal manager refused our credentials" : e.reason();
            throw new PushException(reason + " from " + describe(), e.retryAfter(), e);
        } catch (MisReadException e) {
            throw new PushException(e.reason() + " talking to " + describe(), null, e);
        }
    }

    @Override
    public void close() {
        client.close();
    }
}
