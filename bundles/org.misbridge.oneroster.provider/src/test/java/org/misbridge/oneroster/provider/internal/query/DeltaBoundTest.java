package org.misbridge.oneroster.provider.internal.query;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.api.Test;

/** Which filters make a request a delta, and from when. */
class DeltaBoundTest {

    private static DeltaBound bound(String filter) {
        return DeltaBound.of(FilterParser.parse(filter, Fixtures.SCHEMA));
    }

    @Test
    void aLowerBoundOnDateLastModifiedMakesADelta() {
        assertThat(bound("dateLastModified>'2026-12-01T06:00:00Z'"))
                .isEqualTo(new DeltaBound(Instant.parse("2026-12-01T06:00:00Z"), true, true));
        assertThat(bound("dateLastModified>='2026-12-01'")).as("a date is its midnight UTC")
                .isEqualTo(new DeltaBound(Instant.parse("2026-12-01T00:00:00Z"), false, true));
        assertThat(bound("dateLastModified>'2026-12-01T07:00:00+01:00'").from()).isEqualTo(Instant.parse("2026-12-01T06:00:00Z"));
    }

    @Test
    void withAndTheLatestBoundCountsAndWithOrTheEarliest() {
        assertThat(bound("dateLastModified>'2026-12-01T06:00:00Z' AND givenName='Ada' AND dateLastModified>='2026-12-02'"))
                .isEqualTo(new DeltaBound(Instant.parse("2026-12-02T00:00:00Z"), false, true));
        assertThat(bound("dateLastModified>='2026-12-02' AND dateLastModified>'2026-12-02'"))
                .as("at the same time, > is the tighter").isEqualTo(new DeltaBound(Instant.parse("2026-12-02T00:00:00Z"), true, true));
        assertThat(bound("dateLastModified>'2026-12-02' OR givenName='Ada' OR dateLastModified>='2026-12-01'"))
                .isEqualTo(new DeltaBound(Instant.parse("2026-12-01T00:00:00Z"), false, false));
        assertThat(bound("dateLastModified>='2026-12-01' OR dateLastModified>'2026-12-01'"))
                .as("at the same time, >= lets more through").isEqualTo(new DeltaBound(Instant.parse("2026-12-01T00:00:00Z"), false, false));
    }

    @Test
    void aRecordLastChangedAtTheBoundIsTooOldOnlyForGreater() {
        Instant t = Instant.parse("2026-12-01T06:00:00Z");
        assertThat(new DeltaBound(t, true, true).excludes(t)).isTrue();
        assertThat(new DeltaBound(t, false, true).excludes(t)).isFalse();
        assertThat(new DeltaBound(t, false, true).excludes(t.minusMillis(1))).isTrue();
        assertThat(new DeltaBound(t, true, true).excludes(t.plusMillis(1))).isFalse();
    }

    @Test
    void otherComparisonsAreNoDelta() {
        assertThat(DeltaBound.of(null)).isNull();
        assertThat(bound("dateLastModified<'2026-12-01'")).isNull();
        assertThat(bound("dateLastModified='2026-12-01T06:00:00Z'")).isNull();
        assertThat(bound("dateLastModified!='2026-12-01T06:00:00Z'")).isNull();
        assertThat(bound("givenName>'A'")).isNull();
    }
}
