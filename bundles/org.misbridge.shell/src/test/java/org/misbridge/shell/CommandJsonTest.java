package org.misbridge.shell;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** What every school:* --json prints goes through CommandJson.write: a MIS's hostile name reads back as it was. */
class CommandJsonTest {

    @Test
    void aNameWithNulNewlineBidiOverrideAndLineSeparatorRoundTrips() throws Exception {
        String name = "Ann\u0000e\nSmith\u202Etxt.exe\u2028Jones";
        Map<String, Object> member = new LinkedHashMap<>();
        member.put("id", "s-1");
        member.put("givenName", name);

        String printed = CommandJson.write(List.of(member));

        // printable ASCII and the layout's own line breaks only: nothing a terminal or a line-based tool acts on
        assertThat(printed.codePoints()).allMatch(c -> c == '\n' || (c >= 0x20 && c < 0x7F));
        assertThat(printed).contains("\"Ann\\u0000e\\nSmith\\u202Etxt.exe\\u2028Jones\"");
        assertThat(new ObjectMapper().readTree(printed).get(0).get("givenName").asText()).isEqualTo(name);
    }
}
