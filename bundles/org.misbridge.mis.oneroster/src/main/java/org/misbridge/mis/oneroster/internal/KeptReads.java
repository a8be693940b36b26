package org.misbridge.mis.oneroster.internal;

import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import org.misbridge.api.KeptReadsUse;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.metatype.annotations.Designate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The heap this host's OneRoster CSV readers may keep their last reads in when their deltas are
 * {@code auto} ({@code oneroster.csv.deltas}): one budget for every school, so that a host of
 * hundreds of schools cannot be filled by them. A read admitted beyond the budget makes room by
 * dropping the reads used longest ago; one larger than the whole budget is not kept at all. A
 * dropped read costs only speed: its school reads every file, and keeps nothing, for the rest of
 * that day (its reader's rule: a read let go before it was used would only be followed by others).
 */
@Component(service = {KeptReads.class, KeptReadsUse.class}, configurationPid = KeptReads.PID, configurationPolicy = ConfigurationPolicy.OPTIONAL)
@Designate(ocd = KeptReadsConfiguration.class)
public final class KeptReads implements KeptReadsUse {

    static final String PID = "org.misbridge.mis.oneroster.memory";
    /** The share of the heap the budget is unless configured: the metatype default, and tests' and benchmarks' budgets. */
    static final int DEFAULT_HEAP_PERCENT = 25;
    private static final Logger LOG = LoggerFactory.getLogger(KeptReads.class);

    /** Roughly what a kept read holds per user and enrolment row: measured at 400 to 420 bytes, with room for the sync's own. */
    public static final long BYTES_PER_ROW = 512;

    private record Held(long bytes, Runnable drop) {
    }

    // in access order: the first is the read used longest ago
    private final LinkedHashMap<Object, Held> held = new LinkedHashMap<>(16, 0.75f, true);
    private long budget;
    private long used;
    private long letGo;

    public KeptReads(long budgetBytes) {
        this.budget = Math.max(0, budgetBytes);
    }

    /** A budget of the default share of this JVM's heap, as a host with no configuration has. */
    public static KeptReads ofDefaultShare() {
        return new KeptReads(heapShare(DEFAULT_HEAP_PERCENT));
    }

    @Activate
    public KeptReads(KeptReadsConfiguration config) {
        this(heapShare(checked(config.keptReads_heapPercent())));
    }

    /** A changed share applies at once, without restarting any school's reader. */
    @Modified
    void modified(KeptReadsConfiguration config) {
        budget(heapShare(checked(config.keptReads_heapPercent())));
    }

    /** A share outside 0 to 90 is said in the log (a host setting has no caller to refuse it to) and held to the range. */
    private static int checked(int percent) {
        if (percent != inRange(percent)) {
            LOG.warn("keptReads.heapPercent in etc/{}.cfg is {}; it must be 0 to 90, so {} is used", PID, percent, inRange(percent));
        }
        return percent;
    }

    private static int inRange(int percent) {
        return Math.max(0, Math.min(percent, 90));
    }

    /** {@code percent} of the heap this JVM may grow to, at most 90. */
    public static long heapShare(int percent) {
        return Runtime.getRuntime().maxMemory() / 100 * inRange(percent);
    }

    /** A new budget; reads beyond it are dropped at once, longest unused first. */
    synchronized void budget(long bytes) {
        budget = Math.max(0, bytes);
        makeRoom(0);
    }

    /** Whether a read of {@code bytes} could be kept at all. */
    synchronized boolean fits(long bytes) {
        return bytes <= budget;
    }

    /**
     * Keeps {@code owner}'s read of {@code bytes} in place of the one it held, dropping others as it
     * must; false, with nothing dropped, when it is larger than the whole budget. {@code drop} must
     * not block: it runs under this budget's lock, from whichever reader needs the room.
     */
    synchronized boolean admit(Object owner, long bytes, Runnable drop) {
        release(owner);
        if (bytes > budget) {
            return false;
        }
        makeRoom(bytes);
        held.put(owner, new Held(bytes, drop));
        used += bytes;
        return true;
    }

    /** Forgets {@code owner}'s read (it dropped it itself, or is going). */
    synchronized void release(Object owner) {
        Held h = held.remove(owner);
        if (h != null) {
            used -= h.bytes();
        }
    }

    @Override
    public synchronized long usedBytes() {
        return used;
    }

    @Override
    public synchronized long budgetBytes() {
        return budget;
    }

    @Override
    public synchronized int keptReads() {
        return held.size();
    }

    @Override
    public synchronized long letGo() {
        return letGo;
    }

    private void makeRoom(long bytes) {
        Iterator<Map.Entry<Object, Held>> oldest = held.entrySet().iterator();
        while (used + bytes > budget && oldest.hasNext()) {
            Held h = oldest.next().getValue();
            oldest.remove();
            used -= h.bytes();
            letGo++;
            h.drop().run();
        }
    }
}
