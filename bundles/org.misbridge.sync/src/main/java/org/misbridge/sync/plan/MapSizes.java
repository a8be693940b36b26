package org.misbridge.sync.plan;

/**
 * Initial capacities for the plan's large maps and sets. A map grown by doubling to a school's
 * size copies itself a dozen times, and from about 130,000 entries each new table is a humongous
 * object for G1.
 */
final class MapSizes {

    private MapSizes() {
    }

    /** A HashMap capacity that holds {@code entries} without growing. */
    static int forEntries(int entries) {
        return (int) Math.min(1 << 30, entries / 0.75 + 1);
    }
}
