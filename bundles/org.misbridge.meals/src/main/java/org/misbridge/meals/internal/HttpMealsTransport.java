package org.misbridge.meals.internal;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import org.misbridge.api.Redactor;
import org.apache.hc.client5.http.classic.methods.HttpPost;
import org.apache.hc.client5.http.config.ConnectionConfig;
import org.apache.hc.client5.http.config.RequestConfig;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManagerBuilder;
import org.apache.hc.core5.http.ContentType;
import org.apache.hc.core5.http.HttpEntity;
import org.apache.hc.core5.http.io.entity.StringEntity;
import org.apache.hc.core5.util.Timeout;
import org.misbridge.api.directory.PendingEntry;

/**
 * POSTs each batch as JSON, {"school": id, "changes": [{"changeId": …, "memberId": …, "status": …}]};
 * any 2xx acknowledges the whole batch. No automatic retries here: the exporter retries the batch,
 * and the change ids let the meal manager ignore one it already applied. An error answer is quoted
 * redacted ({@link Redactor}: the password, the token and the header we sent, and whatever looks
 * like a credential), since a meal manager may echo the request it refused.
 */
final class HttpMealsTransport implements MealsTransport {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int MAX_ERROR_BODY = 64 * 1024;

    private final URI endpoint;
    private final String authorization;
    private final Redactor redactor;
    private final CloseableHttpClient client;

    HttpMealsTransport(URI endpoint, String username, String password, String token, int connectSeconds, int responseSeconds) {
        if (!"http".equals(endpoint.getScheme()) && !"https".equals(endpoint.getScheme())) {
            throw new IllegalArgumentException("meals.endpoint '" + endpoint + "' is not an http or https URL");
        }
        this.endpoint = endpoint;
        this.authorization = !token.isBlank() ? "Bearer " + token
                : !username.isBlank() ? "Basic " + Base64.getEncoder()
                        .encodeToString((username + ":" + password).getBytes(StandardCharsets.UTF_8))
                : null;
        this.redactor = Redactor.of(List.of(password, token))
                .withAuthorization(authorization);
        this.client = HttpClients.custom()
                .setConnectionManager(PoolingHttpClientConnectionManagerBuilder.create()
                        .setDefaultConnectionConfig(ConnectionConfig.custom()
                                .setConnectTimeout(Timeout.ofSeconds(connectSeconds))
                                .setSocketTimeout(Timeout.ofSeconds(responseSeconds)).build())
                        .build())
                .setDefaultRequestConfig(RequestConfig.custom().setResponseTimeout(Timeout.ofSeconds(responseSeconds)).build())
                .disableAutomaticRetries()
                .disableRedirectHandling()
                .build();
    }

    @Override
    public String describe() {
        return "POST " + endpoint.getScheme() + "://" + endpoint.getAuthority() + endpoint.getPath();
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
            } catch (IOException ex) {
                throw new PushException("outbox entry " + e.seq() + " is not JSON: " + ex.getMessage(), ex);
            }
        }
        HttpPost post = new HttpPost(endpoint);
        post.setEntity(new StringEntity(body.toString(), ContentType.APPLICATION_JSON));
        if (authorization != null) {
            post.setHeader("Authorization", authorization);
        }
        String failure;
        try {
            failure = client.execute(post, response -> {
                int code = response.getCode();
                String text = excerpt(response.getEntity());
                return code >= 200 && code < 300 ? null : "HTTP " + code + " from " + describe() + (text.isEmpty() ? "" : ": " + text);
            });
        } catch (IOException e) {
            throw new PushException(e.getClass().getSimpleName() + " talking to " + describe() + ": "
                    + redactor.redact(e.getMessage()), e);
        }
        if (failure != null) {
            throw new PushException(failure);
        }
    }

    /**
     * At most the first 200 characters of a response, read no further than a fixed cap, redacted
     * before it is cut (a secret cut in half would no longer match) and on one line.
     */
    private String excerpt(HttpEntity entity) throws IOException {
        if (entity == null) {
            return "";
        }
        try (InputStream in = entity.getContent()) {
            String text = redactor.redact(new String(in.readNBytes(MAX_ERROR_BODY), StandardCharsets.UTF_8))
                    .strip().replaceAll("\\s+", " ");
            return text.length() > 200 ? text.substring(0, 200) + "…" : text;
        }
    }

    @Override
    public void close() {
        try {
            client.close();
        } catch (IOException e) {
            // closing idle connections; nothing is lost
        }
    }
}
