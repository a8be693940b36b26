package org.misbridge.api.json;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SafeJsonTest {

    private static final ObjectMapper JSON = new ObjectMapper(SafeJson.factory());

    @Test
    void hostileCharactersAreEscapedAndReadBackAsTheyWere() throws Exception {
        String name = "Ann\u0000a\nO\u202Egnp.exe\u2028\u2029\u0085\u007F\uD800x Zoë 😀";

        String written = JSON.writeValueAsString(Map.of("name", name));

        // the escapes as JSON writes them (RFC 8259 section 7), worked out by hand for each character above; Jackson
        // hands the escapes one UTF-16 unit at a time, so an emoji goes out as its (valid) surrogate pair
        assertThat(written).contains("Ann\\u0000a\\nO\\u202Egnp.exe\\u2028\\u2029\\u0085\\u007F\\uD800x Zoë \\uD83D\\uDE00");
        assertThat(written.codePoints()).allMatch(c -> c >= 0x20 && c != 0x7F && !(c >= 0x80 && c <= 0x9F)
                && c != 0x2028 && c != 0x2029 && c != 0x202E && c != 0xD800);
        assertThat(JSON.readTree(written).get("name").asText()).isEqualTo(name);
    }
}
