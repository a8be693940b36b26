package org.misbridge.meals.internal;

import java.time.Instant;
import org.jspecify.annotations.Nullable;

/** One school's meal export, as the school:meals commands see it. */
public interface MealsExport {

    String schoolId();

    /** Where changes go, without credentials. */
    String target();

    String closeLeavers();

    /** Sends everything pending now, unless the export is paused. */
    Status pushNow();

    Status status();

    /**
     * @param pending changes recorded and not yet acknowledged by the meal manager
     * @param nextAttempt when the next automatic push is due, if one is waiting
     */
    record Status(boolean paused, int pending, @Nullable Instant lastPushAt, int lastPushCount,
            @Nullable Instant lastErrorAt, @Nullable String lastError, @Nullable Instant nextAttempt) {
    }
}
