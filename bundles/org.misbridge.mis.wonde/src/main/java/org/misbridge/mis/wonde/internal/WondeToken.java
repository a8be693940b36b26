package org.misbridge.mis.wonde.internal;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.misbridge.api.SchoolProperties;
import org.misbridge.mis.http.Credentials;

/**
 * Finds a school's Wonde token in its configuration ({@code .wonde.token}, {@code wonde.token} or
 * the file named by {@code wonde.tokenFile}) and turns it into bearer credentials. No message it
 * writes quotes the token, and the credentials' {@code toString} masks it.
 */
final class WondeToken {

    static final String HIDDEN_KEY = ".wonde.token";
    static final String KEY = "wonde.token";
    static final String FILE_KEY = "wonde.tokenFile";

    /** A token file is a few dozen bytes; a big one is the wrong file. */
    private static final long MAX_FILE_BYTES = 4096;

    private WondeToken() {
    }

    static Credentials credentials(String schoolId, WondeConfiguration config, @Nullable String karafHome) {
        String hidden = blankToNull(config._wonde_token());
        String plain = blankToNull(config.wonde_token());
        String file = blankToNull(config.wonde_tokenFile());
        List<String> given = new ArrayList<>();
        if (hidden != null) {
            given.add(HIDDEN_KEY);
        }
        if (plain != null) {
            given.add(KEY);
        }
        if (file != null) {
            given.add(FILE_KEY);
        }
        if (given.isEmpty()) {
            throw new IllegalArgumentException("school " + schoolId + ": no Wonde token; set " + HIDDEN_KEY
                    + " (not shown by config:list), " + KEY + " or " + FILE_KEY);
        }
        if (given.size() > 1) {
            // two sources would leave an operator unsure which one a rotated token must go in
            throw new IllegalArgumentException("school " + schoolId + ": the Wonde token is given in " + String.join(" and ", given)
                    + "; set only one");
        }
        String token = hidden != null ? hidden : plain != null ? plain : readFile(schoolId, file, karafHome);
        check(schoolId, token, given.get(0));
        return Credentials.bearer(token);
    }

    private static String readFile(String schoolId, String file, @Nullable String karafHome) {
        Path path = SchoolProperties.resolvePath(file, karafHome);
        try {
            if (Files.size(path) > MAX_FILE_BYTES) {
                throw new IllegalArgumentException("school " + schoolId + ": " + FILE_KEY + " " + path
                        + " is larger than " + MAX_FILE_BYTES + " bytes; it should hold only the token");
            }
            String token = Files.readString(path, StandardCharsets.UTF_8).strip();
            if (token.isEmpty()) {
                throw new IllegalArgumentException("school " + schoolId + ": " + FILE_KEY + " " + path + " is empty");
            }
            return token;
        } catch (IOException e) {
            throw new IllegalArgumentException("school " + schoolId + ": " + FILE_KEY + " " + path + " cannot be read ("
                    + e.getClass().getSimpleName() + ")", null);
        }
    }

    /** A token goes into a header: whitespace or control characters inside it mean a bad paste. */
    private static void check(String schoolId, String token, String key) {
        for (int i = 0; i < token.length(); i++) {
            char c = token.charAt(i);
            if (Character.isWhitespace(c) || Character.isISOControl(c) || c > 0x7e) {
                throw new IllegalArgumentException("school " + schoolId + ": the Wonde token in " + key
                        + " contains a space, line break or non-ASCII character at position " + (i + 1));
            }
        }
    }

    private static @Nullable String blankToNull(@Nullable String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }
}
