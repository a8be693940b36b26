package org.misbridge.sync.command;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.misbridge.api.SchoolUsage;

/** school:status's servedTo: each client that may read the school, its requests today and last use, printable. */
class StatusServedToTest {

    @Test
    void eachClientOfTheSchoolIsListedWithItsUse() {
        SchoolUsage usage = school -> school.equals("hill")
                ? List.of(new SchoolUsage.ClientUse("library", 0, null),
                        new SchoolUsage.ClientUse("vle", 42, Instant.parse("2026-12-03T09:15:00Z")))
                : List.of();
        Map<String, Object> library = new LinkedHashMap<>();
        library.put("client", "library");
        library.put("requestsToday", 0L);
        library.put("lastUse", null);
        Map<String, Object> vle = new LinkedHashMap<>();
        vle.put("client", "vle");
        vle.put("requestsToday", 42L);
        vle.put("lastUse", "2026-12-03T09:15:00Z");
        assertThat(StatusCommand.servedTo(usage, "hill")).containsExactly(library, vle);
        assertThat(StatusCommand.servedTo(usage, "vale")).isEmpty();
    }

    @Test
    void aClientIdIsEscapedForTheTerminal() {
        SchoolUsage usage = school -> List.of(new SchoolUsage.ClientUse("a\u202Eb", 1, null));
        assertThat(StatusCommand.servedTo(usage, "hill").get(0).get("client")).isEqualTo("a\\u202Eb");
    }
}
