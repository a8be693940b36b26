package org.misbridge.mis.http;

import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Supplier;
import javax.net.ssl.SSLException;
import org.apache.hc.client5.http.classic.methods.HttpGet;
import org.apache.hc.client5.http.classic.methods.HttpPost;
import org.apache.hc.client5.http.config.ConnectionConfig;
import org.apache.hc.client5.http.config.RequestConfig;
import org.apache.hc.client5.http.entity.UrlEncodedFormEntity;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManagerBuilder;
import org.apache.hc.core5.http.ClassicHttpRequest;
import org.apache.hc.core5.http.ClassicHttpResponse;
import org.apache.hc.core5.http.ContentType;
import org.apache.hc.core5.http.Header;
import org.apache.hc.core5.http.HttpEntity;
import org.apache.hc.core5.http.NameValuePair;
import org.apache.hc.core5.http.io.entity.StringEntity;
import org.apache.hc.core5.http.message.BasicNameValuePair;
import org.apache.hc.core5.util.Timeout;
import org.jspecify.annotations.Nullable;
import org.misbridge.api.Redactor;
import org.misbridge.api.spi.MisReadException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One reader's HTTP client. A GET is retried with doubling backoff on I/O errors (refused,
 * reset, timed out, cut short), on 5xx and on 429, where {@code Retry-After} is honoured; a 401
 * renews the credentials once; any other status fails the read at once. Bodies are read whole up
 * to the size cap. Messages name the URL without its query and never carry a credential: an error
 * answer's excerpt is redacted ({@link Redactor}) with every secret this client has sent or been
 * given, because a MIS may echo the request it refused, token and all.
 */
public final class MisHttpClient implements AutoCloseable {

    /** How a retry waits; tests replace it to record the pauses. */
    @FunctionalInterface
    public interface Pause {
        void sleep(Duration duration) throws InterruptedException;
    }

    private static final Logger LOG = LoggerFactory.getLogger(MisHttpClient.class);
    private static final int EXCERPT_CHARS = 200;

    private final String label;
    private final HttpSettings settings;
    private final Pause pause;
    private final CloseableHttpClient client;
    /** The secrets given: masked in every excerpt of an answer. */
    private final Set<String> secrets = ConcurrentHashMap.newKeySet();
    /** The last Authorization headers sent (tokens are renewed, so only the recent ones), masked too. */
    private final Deque<String> sent = new ArrayDeque<>();

    /** {@code label} names the user of this client in log lines, e.g. "school demo". */
    public MisHttpClient(String label, HttpSettings settings) {
        this(label, settings, d -> Thread.sleep(d.toMillis()));
    }

    public MisHttpClient(String label, HttpSettings settings, Pause pause) {
        this.label = Objects.requireNonNull(label, "label");
        this.settings = Objects.requireNonNull(settings, "settings");
        this.pause = Objects.requireNonNull(pause, "pause");
        Timeout response = Timeout.of(settings.responseTimeout());
        this.client = HttpClients.custom()
                .setConnectionManager(PoolingHttpClientConnectionManagerBuilder.create()
                        .setDefaultConnectionConfig(ConnectionConfig.custom()
                                .setConnectTimeout(Timeout.of(settings.connectTimeout()))
                                .setSocketTimeout(response).build())
                        .build())
                .setDefaultRequestConfig(RequestConfig.custom().setResponseTimeout(response).build())
                // retries are ours (they honour Retry-After and log); redirects could carry the token elsewhere
                .disableAutomaticRetries()
                .disableRedirectHandling()
                .disableCookieManagement()
                .build();
    }

    public HttpSettings settings() {
        return settings;
    }

    /** GETs {@code uri} with the credentials, retrying as described above. */
    public HttpAnswer get(URI uri, Credentials credentials, String accept) throws MisReadException {
        checkScheme(uri);
        return exchange(uri, () -> {
            HttpGet get = new HttpGet(uri);
            get.setHeader("Accept", accept);
            return get;
        }, credentials);
    }

    /**
     * OAuth 2.0 client credentials (RFC 6749 §4.4): the id and secret go as HTTP Basic, the token
     * is cached until shortly before it expires and renewed after a 401. Xporter's variant is the
     * same request with {@code relyingParty|establishment} as the id.
     */
    public Credentials clientCredentials(URI tokenUri, String clientId, String secret, @Nullable String scope) {
        checkScheme(tokenUri);
        secrets.add(secret);
        return new ClientCredentialsToken(this, tokenUri, clientId, secret, scope);
    }

    /**
     * POSTs a JSON body with the credentials, retrying as {@link #get} does. A caller that retries on
     * its own (the meal export) gives settings of one attempt and reads the wait a 429 or 503 asked
     * for from {@link HttpStatusException#retryAfter()}.
     */
    public HttpAnswer postJson(URI uri, Credentials credentials, String json) throws MisReadException {
        checkScheme(uri);
        return exchange(uri, () -> {
            HttpPost post = new HttpPost(uri);
            post.setHeader("Accept", "application/json");
            post.setEntity(new StringEntity(json, ContentType.APPLICATION_JSON));
            return post;
        }, credentials);
    }

    /** Secrets this client never sent itself but must mask in what it quotes (a password behind a Basic header). */
    public void keepSecret(String... values) {
        for (String v : values) {
            if (v != null && !v.isBlank()) {
                secrets.add(v);
            }
        }
    }

    private void remember(String authorization) {
        synchronized (sent) {
            if (!authorization.equals(sent.peekLast())) {
                sent.remove(authorization);
                sent.addLast(authorization);
                if (sent.size() > 8) {
                    sent.removeFirst();
                }
            }
        }
    }

    /**
     * The text with every credential this client knows of (the client secret, the recent
     * Authorization headers) and anything that looks like one masked: for a reader that quotes
     * an answer's content in its own messages.
     */
    public String redact(@Nullable String text) {
        Redactor redactor = Redactor.of(secrets);
        synchronized (sent) {
            for (String header : sent) {
                redactor = redactor.withAuthorization(header);
            }
        }
        return redactor.redact(text);
    }

    /** POSTs a form for a token; the answer's body is the caller's to keep secret. */
    HttpAnswer postForm(URI uri, String authorization, Map<String, String> form) throws MisReadException {
        return exchange(uri, () -> {
            HttpPost post = new HttpPost(uri);
            post.setHeader("Accept", "application/json");
            post.setHeader("Authorization", authorization);
            remember(authorization);
            List<NameValuePair> pairs = new ArrayList<>();
            form.forEach((k, v) -> pairs.add(new BasicNameValuePair(k, v)));
            post.setEntity(new UrlEncodedFormEntity(pairs, StandardCharsets.UTF_8));
            return post;
        }, null);
    }

    private HttpAnswer exchange(URI uri, Supplier<ClassicHttpRequest> requests, @Nullable Credentials credentials)
            throws MisReadException {
        String where = redact(uri);
        boolean renewed = false;
        boolean renewNow = false;
        for (int attempt = 1; ; attempt++) {
            ClassicHttpRequest request = requests.get();
            if (credentials != null) {
                String authorization = credentials.authorization(renewNow);
                renewNow = false;
                if (authorization != null) {
                    request.setHeader("Authorization", authorization);
                    remember(authorization);
                }
            }
            Outcome outcome;
            try {
                outcome = client.execute(request, response -> read(uri, response));
            } catch (SSLException e) {
                throw new MisReadException(where, 0, null, "TLS failed: " + e.getMessage(), e);
            } catch (InterruptedIOException e) {
                if (Thread.currentThread().isInterrupted()) {
                    throw interrupted(where, e);
                }
                outcome = Outcome.retry(e.getClass().getSimpleName() + " (no answer within "
                        + human(settings.responseTimeout()) + ")", null);
            } catch (IOException e) {
                outcome = Outcome.retry(e.getClass().getSimpleName() + ": " + redact(e.getMessage()), null);
            } catch (TooLarge e) {
                throw new MisReadException(where, 0, null, e.getMessage(), null);
            }
            if (outcome.answer() != null) {
                return outcome.answer();
            }
            if (outcome.status() == 401 && credentials != null && !renewed) {
                LOG.info("{}: {} answered 401; renewing the credentials once", label, where);
                renewed = true;
                renewNow = true;
                attempt--;
                continue;
            }
            if (!outcome.retryable()) {
                throw failure(where, outcome.status(), outcome.problem(), null);
            }
            if (attempt >= settings.maxAttempts()) {
                throw failure(where, outcome.status(), outcome.problem() + "; gave up after " + attempt
                        + (attempt == 1 ? " attempt" : " attempts"), outcome.retryAfter());
            }
            Duration wait = outcome.retryAfter() != null ? outcome.retryAfter() : jitter(settings.backoff(attempt));
            if (wait.compareTo(settings.maxRetryAfter()) > 0) {
                throw failure(where, outcome.status(), outcome.problem() + "; the server asked us to wait "
                        + wait.toSeconds() + " s, longer than the " + settings.maxRetryAfter().toSeconds() + " s allowed",
                        outcome.retryAfter());
            }
            LOG.warn("{}: {}; retrying {} in {} ms (attempt {} of {})", label, outcome.problem(), where, wait.toMillis(),
                    attempt + 1, settings.maxAttempts());
            try {
                pause.sleep(wait);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw interrupted(where, e);
            }
        }
    }

    private record Outcome(@Nullable HttpAnswer answer, int status, String problem, boolean retryable,
            @Nullable Duration retryAfter) {
        static Outcome ok(HttpAnswer answer) {
            return new Outcome(answer, answer.status(), "", false, null);
        }

        static Outcome retry(String problem, @Nullable Duration retryAfter) {
            return retry(0, problem, retryAfter);
        }

        static Outcome retry(int status, String problem, @Nullable Duration retryAfter) {
            return new Outcome(null, status, problem, true, retryAfter);
        }

        static Outcome fail(int status, String problem) {
            return new Outcome(null, status, problem, false, null);
        }
    }

    /** Thrown inside the response handler when a body is over the cap; never retried. */
    private static final class TooLarge extends RuntimeException {
        private static final long serialVersionUID = 1L;

        TooLarge(String message) {
            super(message, null, false, false);
        }
    }

    private Outcome read(URI uri, ClassicHttpResponse response) throws IOException {
        int status = response.getCode();
        HttpEntity entity = response.getEntity();
        if (status >= 200 && status < 300) {
            Map<String, String> headers = new HashMap<>();
            for (Header h : response.getHeaders()) {
                headers.putIfAbsent(h.getName().toLowerCase(Locale.ROOT), h.getValue());
            }
            return Outcome.ok(new HttpAnswer(uri, status, headers, body(entity)));
        }
        String excerpt = excerpt(entity);
        String problem = "HTTP " + status + (excerpt.isEmpty() ? "" : " (" + excerpt + ")");
        if (status == 429 || status == 503) {
            return Outcome.retry(status, problem, retryAfter(response.getFirstHeader("Retry-After")));
        }
        if (status >= 500) {
            return Outcome.retry(status, problem, null);
        }
        if (status == 401 || status == 403) {
            return Outcome.fail(status, "HTTP " + status + ": the MIS refused our credentials");
        }
        return Outcome.fail(status, problem);
    }

    private byte[] body(@Nullable HttpEntity entity) throws IOException {
        if (entity == null) {
            return new byte[0];
        }
        long cap = settings.maxResponseBytes();
        if (entity.getContentLength() > cap) {
            throw new TooLarge("the response declares " + entity.getContentLength() + " bytes, more than the "
                    + cap + " allowed (the reader's maxResponseBytes)");
        }
        try (InputStream in = entity.getContent()) {
            byte[] bytes = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, cap + 1));
            if (bytes.length > cap) {
                throw new TooLarge("the response is larger than the " + cap + " bytes allowed (the reader's maxResponseBytes)");
            }
            return bytes;
        }
    }

    /**
     * The first characters of an error body, to show what the server said (bodies of errors are
     * short), redacted before they are cut, so a secret cut in half cannot slip through.
     */
    private String excerpt(@Nullable HttpEntity entity) throws IOException {
        if (entity == null) {
            return "";
        }
        try (InputStream in = entity.getContent()) {
            if (in == null) {
                return "";
            }
            ContentType type = ContentType.parseLenient(entity.getContentType());
            String text = redact(new String(in.readNBytes(4096), StandardCharsets.UTF_8)).strip()
                    .replaceAll("\\s+", " ");
            if (type != null && "text/html".equalsIgnoreCase(type.getMimeType())) {
                return "an HTML page";
            }
            return text.length() > EXCERPT_CHARS ? text.substring(0, EXCERPT_CHARS) + "…" : text;
        }
    }

    /** {@code Retry-After} as seconds or an HTTP date; null when absent or unreadable. */
    static @Nullable Duration retryAfter(@Nullable Header header) {
        if (header == null || header.getValue() == null) {
            return null;
        }
        String value = header.getValue().strip();
        try {
            return Duration.ofSeconds(Math.max(0, Long.parseLong(value)));
        } catch (NumberFormatException notSeconds) {
            try {
                Duration d = Duration.between(Instant.now(), ZonedDateTime.parse(value, DateTimeFormatter.RFC_1123_DATE_TIME));
                return d.isNegative() ? Duration.ZERO : d;
            } catch (DateTimeParseException notDate) {
                return null;
            }
        }
    }

    private static String human(Duration d) {
        return d.toMillis() % 1000 == 0 ? d.toSeconds() + " s" : d.toMillis() + " ms";
    }

    private static Duration jitter(Duration d) {
        long ms = d.toMillis();
        return ms < 10 ? d : Duration.ofMillis(ms - ThreadLocalRandom.current().nextLong(ms / 5 + 1));
    }

    /** An {@link HttpStatusException} when an answer's status ended the read, else a plain read failure. */
    private static MisReadException failure(String where, int status, String message, @Nullable Duration retryAfter) {
        return status > 0 ? new HttpStatusException(where, status, message, retryAfter)
                : new MisReadException(where, 0, null, message, null);
    }

    private static MisReadException interrupted(String where, Exception e) {
        return new MisReadException(where, 0, null, "the read was interrupted (the host is stopping)", e);
    }

    private static void checkScheme(URI uri) {
        String scheme = uri.getScheme();
        if (!"https".equalsIgnoreCase(scheme) && !"http".equalsIgnoreCase(scheme)) {
            throw new IllegalArgumentException("'" + redact(uri) + "' is not an http or https URL");
        }
    }

    /** scheme://host[:port]/path: no user info and no query, so no secret can ride along into a message. */
    public static String redact(URI uri) {
        StringBuilder s = new StringBuilder();
        if (uri.getScheme() != null) {
            s.append(uri.getScheme()).append("://");
        }
        if (uri.getHost() != null) {
            s.append(uri.getHost());
        }
        if (uri.getPort() >= 0) {
            s.append(':').append(uri.getPort());
        }
        if (uri.getRawPath() != null) {
            s.append(uri.getRawPath());
        }
        return s.toString();
    }

    @Override
    public void close() {
        try {
            client.close();
        } catch (IOException e) {
            LOG.debug("{}: closing the HTTP client: {}", label, e.toString());
        }
    }
}
