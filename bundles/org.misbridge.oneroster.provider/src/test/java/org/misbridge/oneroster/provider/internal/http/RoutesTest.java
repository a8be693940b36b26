package org.misbridge.oneroster.provider.internal.http;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Route templates for the metrics: ids replaced, paths no endpoint serves pooled as unknown. */
class RoutesTest {

    @Test
    void idsBecomeAPlaceholder() {
        assertThat(Routes.template("/oauth/token")).isEqualTo("/oauth/token");
        assertThat(Routes.template("/rostering/v1p2/users")).isEqualTo("/rostering/v1p2/users");
        assertThat(Routes.template("/rostering/v1p2/users/")).isEqualTo("/rostering/v1p2/users");
        assertThat(Routes.template("/rostering/v1p2/users/u-123")).isEqualTo("/rostering/v1p2/users/{id}");
        assertThat(Routes.template("/rostering/v1p2/classes/7A/students")).isEqualTo("/rostering/v1p2/classes/{id}/students");
        assertThat(Routes.template("/rostering/v1p2/teachers/t1/classes")).isEqualTo("/rostering/v1p2/teachers/{id}/classes");
        assertThat(Routes.template("/rostering/v1p2/schools/hill/bulk.zip")).isEqualTo("/rostering/v1p2/schools/{id}/bulk.zip");
    }

    @Test
    void pathsNoEndpointServesAreUnknown() {
        assertThat(Routes.template("")).isEqualTo("unknown");
        assertThat(Routes.template("/rostering/v1p2")).isEqualTo("unknown");
        assertThat(Routes.template("/rostering/v1p2/")).isEqualTo("unknown");
        assertThat(Routes.template("/rostering/v1p2/secrets")).isEqualTo("unknown");
        assertThat(Routes.template("/rostering/v1p2/classes/7A/anything")).isEqualTo("unknown");
        assertThat(Routes.template("/rostering/v1p2/classes/7A/students/x")).isEqualTo("unknown");
        assertThat(Routes.template("/oauth/token/x")).isEqualTo("unknown");
        assertThat(Routes.template("/rostering/v1p2/classes/7A/bulk.zip")).isEqualTo("unknown");
        assertThat(Routes.template("/rostering/v1p1/users")).isEqualTo("unknown");
    }
}
