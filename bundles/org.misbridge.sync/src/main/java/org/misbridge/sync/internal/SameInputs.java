package org.misbridge.sync.internal;

import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import org.misbridge.api.CodeVersion;
import org.misbridge.api.spi.Fingerprint;
import org.misbridge.api.spi.FingerprintedReader;
import org.misbridge.api.spi.MisReadException;
import org.misbridge.api.spi.MisReader;
import org.misbridge.sync.plan.SyncPlanner;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A sync whose inputs are those of the last one changes nothing, so it need not read (issue 21).
 * The inputs are the reader's fingerprint (its files' bytes, its settings and build), the plan's
 * inputs ({@link SyncPlanner#inputs()}: settings, day, pauses, opt-outs, deleted leavers, blocked
 * values) and the planner's build, hashed together into a token the sync stores with its digests.
 * The store forgets that token on any other write to the school's rows, so a stored token equal to
 * this sync's means the rows are what a plan of these very inputs left, and a plan of them again
 * would be empty (the planner's contract).
 *
 * <p>A sync that reads keeps a token only if the files kept their stamp (sizes, modification times)
 * from before the read to after it, so the token describes the bytes it parsed.
 */
final class SameInputs {

    private static final Logger LOG = LoggerFactory.getLogger(SameInputs.class);
    private static final Pattern TOKEN = Pattern.compile("[0-9a-f]{64}");

    private final FingerprintedReader reader;
    private final String planInputs;
    private final String stamp;
    private final @Nullable String fingerprint;
    private final boolean unchanged;
    private Background<@Nullable String> token = Background.of(null);

    private SameInputs(FingerprintedReader reader, String planInputs, String stamp, @Nullable String fingerprint,
            boolean unchanged) {
        this.reader = reader;
        this.planInputs = planInputs;
        this.stamp = stamp;
        this.fingerprint = fingerprint;
        this.unchanged = unchanged;
    }

    /**
     * Looks at the source before a sync reads it; null when this reader cannot tell (no fingerprints,
     * or none for its source now).
     *
     * @param stored the token the school's rows were last synced with, if any; asked for only of a
     *     reader that can mark its source now
     */
    static @Nullable SameInputs before(MisReader reader, SyncPlanner planner, Supplier<Optional<String>> stored)
            throws MisReadException {
        if (!(reader instanceof FingerprintedReader f)) {
            return null;
        }
        String stamp = f.stamp();
        if (stamp == null) {
            return null; // a source this reader cannot mark now (a REST school behind the same service)
        }
        String kept = stored.get().orElse(null);
        // the files are hashed only when there is a token to compare with (not before a first sync)
        String fingerprint = kept != null && TOKEN.matcher(kept).matches() ? f.fingerprint() : null;
        boolean unchanged = fingerprint != null && kept.equals(token(fingerprint, planner.inputs()));
        return new SameInputs(f, planner.inputs(), stamp, fingerprint, unchanged);
    }

    /** Whether the inputs are the stored token's: nothing to read, plan or write. */
    boolean unchanged() {
        return unchanged;
    }

    /**
     * Starts working out, on another thread, the token of what the read just made was read from:
     * null when a file's stamp moved during the read (it may have parsed other bytes than any one
     * hash would describe).
     */
    void afterRead(String school) {
        token = new Background<@Nullable String>(() -> {
            if (!stamp.equals(reader.stamp())) {
                LOG.debug("School {}: the files changed while they were read; no inputs token kept", school);
                return null;
            }
            String hashed = fingerprint != null ? fingerprint : reader.fingerprint();
            // hashed after the read: the stamp must still hold, or the hash may be of newer bytes
            return hashed == null || (fingerprint == null && !stamp.equals(reader.stamp())) ? null
                    : token(hashed, planInputs);
        }).start("misbridge-inputs-" + school, school);
    }

    /** The token to store with the sync's digests; null when none can be vouched for. */
    @Nullable String token() {
        try {
            return token.get();
        } catch (RuntimeException e) {
            LOG.debug("no inputs token kept", e);
            return null;
        }
    }

    /** Stops any work still going on for the token. */
    void awaitQuietly() {
        token.awaitQuietly();
    }

    static String token(String fingerprint, String planInputs) {
        return new Fingerprint().add("inputs-1").add(CodeVersion.of(SyncPlanner.class)).add(Objects.requireNonNull(fingerprint))
                .add(planInputs).hex();
    }
}
