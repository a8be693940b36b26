package org.misbridge.sync.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.misbridge.api.SyncEvents;
import org.misbridge.api.directory.SyncOutcome;
import org.misbridge.api.directory.SyncRun;

class SyncEventPosterTest {

    private static SyncRun run(SyncOutcome outcome) {
        Instant at = Instant.parse("2026-11-23T06:00:00Z");
        return new SyncRun(at, at.plusSeconds(2), outcome, 0, 0, 0, null);
    }

    @Test
    void eachOutcomeGoesOutOnItsTopic() {
        assertThat(SyncEventPoster.topic(run(SyncOutcome.SUCCESS))).isEqualTo(SyncEvents.FINISHED);
        assertThat(SyncEventPoster.topic(run(SyncOutcome.DRY_RUN))).isEqualTo(SyncEvents.FINISHED);
        assertThat(SyncEventPoster.topic(run(SyncOutcome.PAUSED))).isEqualTo(SyncEvents.FINISHED);
        assertThat(SyncEventPoster.topic(run(SyncOutcome.REFUSED))).isEqualTo(SyncEvents.REFUSED);
        assertThat(SyncEventPoster.topic(run(SyncOutcome.FAILED))).isEqualTo(SyncEvents.FAILED);
    }

    @Test
    void withoutEventAdminNothingIsPostedAndNothingFails() {
        SyncEventPoster poster = new SyncEventPoster("greenfield");
        poster.started(org.misbridge.api.SyncOptions.normal());
        poster.ended(org.misbridge.api.SyncOptions.normal(), run(SyncOutcome.FAILED));
    }
}
