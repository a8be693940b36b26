package org.misbridge.oneroster.provider.internal.query;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The imsx_StatusInfo payload and the HTTP status of each error the provider gives. */
class StatusInfoTest {

    @Test
    void thePayloadHasCodeMajorSeverityDescriptionAndOneCodeMinor() {
        OneRosterException e = OneRosterException.badFilter("people have no field 'nickname' to filter on");
        assertThat(e.statusInfo()).containsExactly(
                Map.entry("imsx_codeMajor", "failure"),
                Map.entry("imsx_severity", "error"),
                Map.entry("imsx_description", "people have no field 'nickname' to filter on"),
                Map.entry("imsx_CodeMinor", Map.of("imsx_codeMinorField", List.of(Map.of(
                        "imsx_codeMinorFieldName", "TargetEndSystem",
                        "imsx_codeMinorFieldValue", "invalid_filter_field")))));
    }

    @Test
    void eachErrorHasItsStatusAndCodeMinor() {
        assertError(OneRosterException.badFilter("x"), 400, "invalid_filter_field");
        assertError(OneRosterException.badSelection("x"), 400, "invalid_selection_field");
        assertError(OneRosterException.badSort("x"), 400, "invalid_sort_field");
        assertError(OneRosterException.badData("x"), 400, "invaliddata");
        assertError(OneRosterException.unauthorised("x"), 401, "unauthorisedrequest");
        assertError(OneRosterException.forbidden("x"), 403, "forbidden");
        assertError(OneRosterException.unknownObject("users", "u9"), 404, "unknownobject");
        assertError(OneRosterException.unprocessable("x"), 422, "invaliddata");
        assertError(OneRosterException.busy("x"), 429, "server_busy");
        assertError(OneRosterException.internal(), 500, "internal_server_error");
    }

    @Test
    void unknownObjectNamesTheCollectionAndId() {
        assertThat(OneRosterException.unknownObject("users", "u9").getMessage())
                .isEqualTo("no users record has sourcedId u9");
    }

    @Test
    void anErrorNeverHasASuccessStatus() {
        assertThatThrownBy(() -> new OneRosterException(200, CodeMinor.FULLSUCCESS, "fine"))
                .isInstanceOf(IllegalArgumentException.class);
    }

    private static void assertError(OneRosterException e, int status, String codeMinor) {
        assertThat(e.httpStatus()).isEqualTo(status);
        assertThat(e.codeMinor().wire()).isEqualTo(codeMinor);
        assertThat(e.statusInfo()).containsEntry("imsx_codeMajor", "failure");
    }
}
