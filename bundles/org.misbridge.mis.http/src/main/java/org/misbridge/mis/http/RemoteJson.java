package org.misbridge.mis.http;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.MissingNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.function.UnaryOperator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import org.misbridge.api.UnsafeCharacters;
import org.misbridge.api.spi.MisReadException;

/**
 * Parses a remote answer's JSON so that a parse failure says what was expected and where (line, column, the URL
 * without its query), never the answer's own text unredacted. Jackson quotes the offending token in its messages
 * ({@code Unrecognized token 'sekrit'}) and, by default, the source around it; a MIS that echoes the request puts
 * our token there. So Jackson here keeps no source excerpt, only the words after its "expected" are kept, and the
 * excerpt this class shows is cut from the answer's line, masked by the caller's redactor (the client's, which
 * knows the secrets it sent) and escaped.
 */
public final class RemoteJson {

    /** No source in Jackson's locations, so nothing of the body rides along in an exception's text. */
    private static final ObjectMapper JSON = JsonMapper.builder().disable(StreamReadFeature.INCLUDE_SOURCE_IN_LOCATION).build();
    /** Jackson's own words for what it wanted, up to where it would name a position or a source. */
    private static final Pattern EXPECTED = Pattern.compile("(?:was expecting|expected)\\s+([^\\[\\n]*?)\\s*(?:\\(for |\\(start marker|\\[|\\n|$)");
    private static final int REDACTED_REACH = 2_000;
    private static final int SHOWN_REACH = 30;

    private RemoteJson() {
    }

    /**
     * The answer's body as a tree ({@link MissingNode} for an empty body).
     *
     * @param source   the exception's source (e.g. {@link HttpAnswer#where()}: the URL without its query)
     * @param what     what the answer is, for the message ("page 2 of students")
     * @param redactor masks credentials in the excerpt (e.g. {@link MisHttpClient#redact(String)})
     * @throws MisReadException if the body is not JSON: "{what} is not JSON: expected … at line L, column C,
     *                          near '…'"
     */
    public static JsonNode parse(HttpAnswer answer, String source, String what, UnaryOperator<@Nullable String> redactor)
            throws MisReadException {
        try {
            JsonNode tree = JSON.readTree(answer.body());
            return tree == null ? MissingNode.getInstance() : tree; // an empty body: the caller finds nothing in it
        } catch (JsonProcessingException e) {
            throw new MisReadException(source, 0, null, describe(e, answer, what, redactor), null);
        } catch (IOException e) {
            throw new MisReadException(source, 0, null, what + " cannot be read ("
                    + e.getClass().getSimpleName() + ")", null);
        }
    }

    static String describe(JsonProcessingException e, HttpAnswer answer, String what, UnaryOperator<@Nullable String> redactor) {
        StringBuilder message = new StringBuilder(what).append(" is not JSON: ");
        String original = e.getOriginalMessage();
        Matcher expected = EXPECTED.matcher(original == null ? "" : original);
        if (original != null && original.contains("end-of-input")) {
            message.append("it ends before its JSON does");
        } else if (e instanceof StreamConstraintsException) {
            // Jackson's limits (nesting depth, number and string length) name numbers, never the source
            message.append(redactor.apply(UnsafeCharacters.escape(original)));
        } else if (original != null && original.contains("Invalid UTF-8")) {
            message.append("expected UTF-8 text, found a byte that is not UTF-8");
        } else if (expected.find() && !expected.group(1).isBlank()) {
            message.append("expected ").append(redactor.apply(UnsafeCharacters.escape(expected.group(1))));
        } else {
            message.append("expected a JSON value");
        }
        JsonLocation at = e.getLocation();
        if (at != null && at.getLineNr() > 0) {
            message.append(String.format(Locale.ROOT, " at line %d, column %d", at.getLineNr(), at.getColumnNr()));
            String near = near(answer.text(), at.getLineNr(), at.getColumnNr(), redactor);
            if (!near.isEmpty()) {
                message.append(", near ").append(MisReadException.quote(near));
            }
        }
        return message.toString();
    }

    /** Up to {@value #SHOWN_REACH} characters either side of the line's column, redacted (quote escapes them). */
    static String near(String body, int line, int column, UnaryOperator<@Nullable String> redactor) {
        String[] lines = body.split("\n", -1);
        if (line > lines.length) {
            return "";
        }
        String text = lines[line - 1];
        int at = Math.max(0, Math.min(text.length(), column - 1));
        // redacted over a wide stretch in one piece, so a credential is whole when the redactor sees it; then cut
        // narrow around where the column lands in the redacted text (the masks before it may have moved it)
        int from = Math.max(0, at - REDACTED_REACH);
        String window = redactor.apply(text.substring(from, Math.min(text.length(), at + REDACTED_REACH)));
        String prefix = redactor.apply(text.substring(from, at));
        if (window == null) {
            return "";
        }
        int mid = Math.min(window.length(), prefix == null ? at - from : prefix.length());
        String shown = window.substring(Math.max(0, mid - SHOWN_REACH), Math.min(window.length(), mid + SHOWN_REACH));
        return shown;
    }
}
