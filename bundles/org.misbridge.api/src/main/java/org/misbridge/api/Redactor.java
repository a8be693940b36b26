package org.misbridge.api;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * Masks credentials in text that came from elsewhere (a MIS's or meal manager's error body, an
 * exception's message) before it is stored, shown or logged. Masked, each as {@value #MASK}: every
 * occurrence of a secret it was given (as is, URL-encoded and JSON-escaped), and whatever any answer
 * may echo: {@code Bearer}/{@code Basic} credentials, and the value of any field or header whose
 * name contains {@code authorization}, {@code secret}, {@code password}, {@code passwd},
 * {@code token}, {@code api_key}/{@code apikey}, {@code credential} or {@code cookie}, written as
 * JSON ({@code "client_secret": "…"}), a form or query string ({@code client_secret=…}) or a header
 * ({@code Authorization: …} to the end of its line). It errs on masking too much.
 */
public final class Redactor {

    /** What a masked value reads as. */
    public static final String MASK = "****";

    private static final String NAME = "[A-Za-z0-9_.-]*(?:authorization|secret|password|passwd|token|api[_-]?key|credential|cookie)[A-Za-z0-9_.-]*";
    // "name": "value", 'name': 'value', also escaped inside another JSON string: \"name\":\"value\"
    private static final Pattern JSON_FIELD = Pattern.compile(
            "([\"'])(" + NAME + ")\\1(\\s*(?:=>|[:=])\\s*)([\"'])((?:(?!\\4)[^\\\\]|\\\\.)*)\\4", Pattern.CASE_INSENSITIVE);
    private static final Pattern ESCAPED_JSON_FIELD = Pattern.compile(
            "(\\\\\"" + NAME + "\\\\\"\\s*:\\s*\\\\\")([^\"\\\\]*)(\\\\\")", Pattern.CASE_INSENSITIVE);
    private static final Pattern FORM_FIELD = Pattern.compile(
            "((?<![A-Za-z0-9_.-])" + NAME + "=)([^&\\s\"',;<>(){}\\[\\]]+)", Pattern.CASE_INSENSITIVE);
    private static final Pattern HEADER = Pattern.compile(
            "((?<![^\\s{\\[(,;])" + NAME + "[ \\t]*:[ \\t]*)(?![ \\t]*[\"'{\\[])([^\\r\\n]+)", Pattern.CASE_INSENSITIVE);
    private static final Pattern SCHEME = Pattern.compile("(?:(\\b(?i:bearer))|(\\bBasic))(\\s+)[A-Za-z0-9\\-._~+/]{8,}=*");

    private static final Redactor PATTERNS = new Redactor(List.of());

    /** Longest first, so a secret containing another is masked whole. */
    private final List<String> secrets;

    private Redactor(List<String> secrets) {
        this.secrets = secrets;
    }

    /** Masks only what answers may echo (headers, fields, tokens), knowing no secret. */
    public static Redactor patterns() {
        return PATTERNS;
    }

    /** Masks these secrets too (blank ones are ignored), wherever they appear. */
    public static Redactor of(Collection<? extends @Nullable String> secrets) {
        return PATTERNS.with(secrets);
    }

    /** This redactor, masking more secrets as well. */
    public Redactor with(Collection<? extends @Nullable String> more) {
        Set<String> all = new LinkedHashSet<>(secrets);
        for (String s : more) {
            if (s != null && !s.isBlank()) {
                all.add(s);
                all.add(URLEncoder.encode(s, StandardCharsets.UTF_8));
                all.add(URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20"));
                all.add(s.replace("\\", "\\\\").replace("\"", "\\\"").replace("/", "\\/"));
                all.add(s.replace("\\", "\\\\").replace("\"", "\\\""));
            }
        }
        List<String> sorted = new ArrayList<>(all);
        sorted.sort(Comparator.comparingInt(String::length).reversed());
        return new Redactor(List.copyOf(sorted));
    }

    /**
     * This redactor, masking an {@code Authorization} header's value as well: the whole value, its
     * credentials after the scheme and, for {@code Basic}, the password inside them.
     */
    public Redactor withAuthorization(@Nullable String header) {
        if (header == null || header.isBlank()) {
            return this;
        }
        List<String> more = new ArrayList<>();
        more.add(header);
        int space = header.indexOf(' ');
        if (space > 0) {
            String credentials = header.substring(space + 1).strip();
            more.add(credentials);
            if (header.substring(0, space).equalsIgnoreCase("basic")) {
                try {
                    String pair = new String(Base64.getDecoder().decode(credentials), StandardCharsets.UTF_8);
                    int colon = pair.indexOf(':');
                    if (colon >= 0 && colon < pair.length() - 1) {
                        more.add(pair.substring(colon + 1));
                    }
                } catch (IllegalArgumentException notBase64) {
                    // then the value itself is all there is to mask
                }
            }
        }
        return with(more);
    }

    /** The text with every secret and credential-looking value masked. */
    public String redact(@Nullable String text) {
        if (text == null || text.isEmpty()) {
            return text == null ? "" : text;
        }
        String out = text;
        for (String secret : secrets) {
            out = out.replace(secret, MASK);
        }
        out = replace(JSON_FIELD, out, m -> m.group(1) + m.group(2) + m.group(1) + m.group(3) + m.group(4) + MASK + m.group(4));
        out = replace(ESCAPED_JSON_FIELD, out, m -> m.group(1) + MASK + m.group(3));
        out = replace(FORM_FIELD, out, m -> m.group(1) + MASK);
        out = replace(HEADER, out, m -> m.group(1) + MASK);
        out = replace(SCHEME, out, m -> (m.group(1) != null ? m.group(1) : m.group(2)) + m.group(3) + MASK);
        return out;
    }

    private static String replace(Pattern pattern, String text, Function<Matcher, String> with) {
        Matcher m = pattern.matcher(text);
        if (!m.find()) {
            return text;
        }
        StringBuilder sb = new StringBuilder();
        do {
            m.appendReplacement(sb, Matcher.quoteReplacement(with.apply(m)));
        } while (m.find());
        m.appendTail(sb);
        return sb.toString();
    }

    @Override
    public String toString() {
        return "Redactor of " + secrets.size() + " secret form(s), not shown";
    }
}
