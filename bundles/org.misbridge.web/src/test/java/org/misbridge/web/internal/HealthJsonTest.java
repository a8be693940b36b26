package org.misbridge.web.internal;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.misbridge.api.SchoolHealth;

/** /misbridge/health stays one valid JSON document, printable ASCII where a MIS sent control or bidi characters. */
class HealthJsonTest {

    private static final String ID = "demo\u0000\n\u202Eevil\u2028";
    private static final String CAUSE = "users.csv: \"name\" is \u2029\u202Egnp.exe\u0085 at row 2\r\n{\"status\":\"ok\"}";

    @Test
    void aHostileSchoolIdAndCauseStayInsideTheirStrings() throws Exception {
        SchoolHealth failing = new SchoolHealth(ID, SchoolHealth.State.FAILING, null, null, null, "", CAUSE);
        Map<String, Object> body = HealthServlet.body(List.of(failing), ID, Instant.parse("2026-12-03T08:00:00Z"));
        ByteArrayOutputStream out = new ByteArrayOutputStream();

        HealthServlet.write(out, body);

        String text = out.toString(StandardCharsets.UTF_8);
        assertThat(text.codePoints()).allMatch(c -> c == '\n' || (c >= 0x20 && c < 0x7F));
        JsonNode parsed = new ObjectMapper().readTree(text);
        assertThat(parsed.get("status").asText()).isEqualTo("failing");
        assertThat(parsed.get("schools")).hasSize(1);
        assertThat(parsed.get("schools").get(0).get("school").asText()).isEqualTo(ID);
        assertThat(parsed.get("schools").get(0).get("cause").asText()).isEqualTo(CAUSE);
    }
}
