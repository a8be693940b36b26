package org.misbridge.meals.internal;

import java.util.List;
import org.misbridge.api.directory.PendingEntry;

/** Delivers a batch of meal records; returning normally means the meal manager has them all. */
interface MealsTransport extends AutoCloseable {

    /** Where the records go, for status output (no credentials). */
    String describe();

    void send(String schoolId, List<PendingEntry> batch) throws PushException;

    @Override
    void close();

    /** The id a meal manager de-duplicates by: never reused for a school. */
    static String changeId(String schoolId, PendingEntry e) {
        return schoolId + "-meals-" + e.seq();
    }
}
