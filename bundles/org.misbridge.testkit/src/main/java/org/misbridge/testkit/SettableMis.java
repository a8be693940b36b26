package org.misbridge.testkit;

import org.misbridge.api.model.Snapshot;
import org.misbridge.api.spi.MisReader;

/** A MIS that answers whatever snapshot the test last gave it: a school's story told sync by sync. */
public final class SettableMis implements MisReader {
    private volatile Snapshot snapshot;

    /** What the next read gives. */
    public void set(Snapshot next) {
        snapshot = next;
    }

    @Override
    public String kind() {
        return "test";
    }

    @Override
    public Snapshot read() {
        Snapshot current = snapshot;
        if (current == null) {
            throw new IllegalStateException("the test gave this MIS no snapshot to read");
        }
        return current;
    }
}
