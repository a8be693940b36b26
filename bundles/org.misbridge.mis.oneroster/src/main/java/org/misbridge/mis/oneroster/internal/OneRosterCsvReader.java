package org.misbridge.mis.oneroster.internal;

import java.io.IOException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;
import org.misbridge.api.CodeVersion;
import org.misbridge.api.SchoolFolder;
import org.misbridge.api.model.ReadIssue;
import org.misbridge.api.model.Snapshot;
import org.misbridge.api.spi.MisReadException;
import org.misbridge.api.spi.DeltaReader;
import org.misbridge.api.spi.FingerprintedReader;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads one school's whole roll from OneRoster 1.1 or 1.2 CSV into a {@link Snapshot}. Any file,
 * row or value of the files the snapshot is made from (manifest, orgs, users, roles, classes,
 * enrollments) that it cannot trust fails the whole read; a problem in a file the snapshot does not
 * use is only an issue in the snapshot ({@link UnusedFiles}). Every file is read from inside the
 * school's folder, never through a link out of it, in the school's declared encoding.
 *
 * <p>{@code csvPath} is one set (a folder or zip holding {@code users.csv}), or a folder of sets
 * (sub-folders or zips) whose names sort in the order they were exported. Of a folder of sets,
 * the last bulk set is read and every delta set after it is applied on top, file by file as its
 * manifest says; earlier sets are superseded.
 */
public final class OneRosterCsvReader implements DeltaReader, FingerprintedReader {

    /** The snapshot source name. */
    public static final String SOURCE = "oneroster-csv";

    static final String MANIFEST = "manifest.csv";
    static final String USERS = "users.csv";
    static final String ENROLLMENTS = "enrollments.csv";
    static final String CLASSES = "classes.csv";
    static final String ORGS = "orgs.csv";
    static final String ROLES = "roles.csv";
    static final String DEMOGRAPHICS = "demographics.csv";
    static final String USER_PROFILES = "userProfiles.csv";

    private static final Logger LOG = LoggerFactory.getLogger(OneRosterCsvReader.class);

    private final String schoolId;
    private final Path csvPath;
    private final @Nullable String orgSourcedId;
    private final Clock clock;
    private final Limits zipLimits;
    private final Charset charset;
    private final CsvDeltas deltas;
    private final KeptReads budget;

    // what the last read was made from, while deltas keep it; set under this reader's lock, but
    // dropped by the budget from any thread (only that very read: a newer one stays)
    private final AtomicReference<@Nullable LastRead> kept = new AtomicReference<>();
    // user and enrolment rows of the last read, and its UTC day: auto keeps a read from the second of a day
    // (a read is used again only on its own day), so a school read once a day keeps none
    private int lastRows = -1;
    private @Nullable LocalDate lastDay;
    // the UTC day the budget let this reader's kept read go before a read used it: the host's budget
    // is too contended for this school's reads to outlast the time between its syncs, so it keeps none
    // again that day (else each of its reads would be hashed and kept only to be let go unused)
    private volatile @Nullable LocalDate letGoUnused;
    // set when the reader is going: a read still running then keeps nothing
    private volatile boolean closed;

    /** A reader of UTF-8 files. */
    public OneRosterCsvReader(String schoolId, Path csvPath, @Nullable String orgSourcedId, Clock clock, Limits zipLimits) {
        this(schoolId, csvPath, orgSourcedId, clock, zipLimits, StandardCharsets.UTF_8);
    }

    /** A reader of files in {@code charset}, decoded strictly (see {@link CsvEncoding}). */
    public OneRosterCsvReader(String schoolId, Path csvPath, @Nullable String orgSourcedId, Clock clock, Limits zipLimits,
            Charset charset) {
        this(schoolId, csvPath, orgSourcedId, clock, zipLimits, charset, false);
    }

    /**
     * A reader of files in {@code charset}; with {@code deltas}, one that keeps its last read and
     * reads again only what changed since (see {@link #read()}).
     */
    public OneRosterCsvReader(String schoolId, Path csvPath, @Nullable String orgSourcedId, Clock clock, Limits zipLimits,
            Charset charset, boolean deltas) {
        this(schoolId, csvPath, orgSourcedId, clock, zipLimits, charset, deltas ? CsvDeltas.ON : CsvDeltas.OFF, new KeptReads(0));
    }

    /** A reader whose deltas are {@code deltas}; with {@link CsvDeltas#AUTO}, its kept reads count against {@code budget}. */
    public OneRosterCsvReader(String schoolId, Path csvPath, @Nullable String orgSourcedId, Clock clock, Limits zipLimits,
            Charset charset, CsvDeltas deltas, KeptReads budget) {
        this.schoolId = Objects.requireNonNull(schoolId, "schoolId");
        this.csvPath = Objects.requireNonNull(csvPath, "csvPath");
        this.orgSourcedId = orgSourcedId == null || orgSourcedId.isBlank() ? null : orgSourcedId.strip();
        this.clock = Objects.requireNonNull(clock, "clock");
        this.zipLimits = Objects.requireNonNull(zipLimits, "zipLimits");
        this.charset = CsvEncoding.check(Objects.requireNonNull(charset, "charset"));
        this.deltas = Objects.requireNonNull(deltas, "deltas");
        this.budget = Objects.requireNonNull(budget, "budget");
    }

    @Override
    public String kind() {
        return SOURCE;
    }

    @Override
    public boolean readsDeltas() {
        return deltas == CsvDeltas.ON || deltas == CsvDeltas.AUTO && kept.get() != null;
    }

    /**
     * Reads the set (or the last bulk set and its deltas); never returns a partial snapshot. With
     * a read kept (deltas on; or auto, see {@link CsvDeltas#AUTO}), a read on the day of the last one
     * whose files hash as they did gives the last snapshot again, and one where only a single set's
     * users.csv or enrollments.csv changed redoes only what changed ({@link ChangedUsers},
     * {@link ChangedEnrollments}); any other read, and the first, reads every file.
     */
    @Override
    public synchronized Snapshot read() throws MisReadException {
        LocalDate today = LocalDate.now(clock.withZone(ZoneOffset.UTC));
        SchoolFolder folder = folder();
        List<Path> sets = setsToRead(folder);
        if (deltas == CsvDeltas.OFF) {
            return readWhole(folder, sets, today, null).snapshot();
        }
        // a read that fails leaves nothing kept, nor counted in the budget: the next one reads every file
        LastRead before = kept.getAndSet(null);
        budget.release(this);
        LastRead now = before != null && before.day().equals(today) && before.sets().equals(sets)
                ? before.again(folder, zipLimits, charset, new SnapshotAssembler(schoolId, SOURCE, orgSourcedId), clock.instant())
                : null;
        if (now == null) {
            boolean hashed = deltas == CsvDeltas.ON
                    || worthKeeping(lastRows) && today.equals(lastDay) && !today.equals(letGoUnused);
            now = readWhole(folder, sets, today, hashed ? new FileDigests() : null);
        }
        lastRows = now.rows().users.size() + now.rows().enrollments.size();
        lastDay = today;
        keep(now);
        return now.snapshot();
    }

    /** With auto deltas, whether a read of {@code rows} user and enrolment rows is worth keeping and could be kept. */
    private boolean worthKeeping(int rows) {
        return deltas == CsvDeltas.AUTO && rows >= CsvDeltas.AUTO_FROM_ROWS && budget.fits(rows * KeptReads.BYTES_PER_ROW);
    }

    /** Keeps {@code now} for the next read where the deltas say so (a read that hashed no file cannot be). */
    private void keep(LastRead now) {
        if (closed || now.files() == null || deltas == CsvDeltas.AUTO && !worthKeeping(lastRows)) {
            return;
        }
        kept.set(now);
        if (deltas == CsvDeltas.AUTO && !budget.admit(this, lastRows * KeptReads.BYTES_PER_ROW, () -> letGo(now))) {
            kept.compareAndSet(now, null);
        }
        if (closed) { // closed while this read ran: close() may have released before the admit
            close();
        }
    }

    /**
     * The budget lets {@code read} go for another school's (or a smaller budget): the next read of
     * this school takes a kept read out before it reads, so one let go here was not used.
     */
    private void letGo(LastRead read) {
        if (kept.compareAndSet(read, null)) {
            letGoUnused = read.day();
            LOG.info("School {}: the host's budget for kept reads let its kept read go before its next read used it;"
                    + " it reads every file for the rest of the day (UTC). keptReads.heapPercent in etc/{}.cfg sets"
                    + " the budget", schoolId, KeptReads.PID);
        }
    }

    /** What the last read kept for the next, with deltas on; null when nothing is kept. Tests read it. */
    synchronized @Nullable LastRead kept() {
        return kept.get();
    }

    /** Lets go of the kept read and its share of the host's budget: the reader is going. */
    void close() {
        closed = true;
        kept.set(null);
        budget.release(this);
    }

    @Override
    public synchronized @Nullable String stamp() throws MisReadException {
        return fingerprint(false);
    }

    @Override
    public synchronized @Nullable String fingerprint() throws MisReadException {
        return fingerprint(true);
    }

    /**
     * Over the sets a read would take, with what else shapes its snapshot: this reader's build and
     * settings, and the day (enrolments and roles end on dates).
     */
    private @Nullable String fingerprint(boolean content) throws MisReadException {
        SchoolFolder folder = folder();
        String settings = String.join("\n", SOURCE, CodeVersion.of(OneRosterCsvReader.class), schoolId,
                String.valueOf(orgSourcedId), charset.name(), zipLimits.toString(), deltas.name(),
                LocalDate.now(clock.withZone(ZoneOffset.UTC)).toString());
        return SetFingerprint.of(setsToRead(folder), folder, zipLimits, settings, content);
    }

    /** Every file of {@code sets} read; with {@code digests}, each file hashed as it is read. */
    private LastRead readWhole(SchoolFolder folder, List<Path> sets, LocalDate today, @Nullable FileDigests digests)
            throws MisReadException {
        RosterRows rows = new RosterRows();
        List<ReadIssue> issues = new ArrayList<>();
        Manifest first = null;
        // one set read for deltas: its users.csv and enrollments.csv records found too, so a change to some
        // users or enrolments can be read alone later
        CsvRecords userRecords = digests != null && sets.size() == 1 ? new CsvRecords() : null;
        CsvRecords enrollmentRecords = digests != null && sets.size() == 1 ? new CsvRecords() : null;
        if (userRecords != null && enrollmentRecords != null) {
            digests.framing(USERS, userRecords).framing(ENROLLMENTS, enrollmentRecords);
        }
        for (Path set : sets) {
            CsvSource opened = CsvSource.of(set, folder, zipLimits);
            try (CsvSource source = digests == null ? opened : digests.record(set, opened)) {
                Manifest manifest = Manifest.read(source, charset);
                issues.addAll(manifest.issues());
                String name = set.getFileName().toString();
                if (first == null) {
                    if (manifest.delta()) {
                        throw new MisReadException(name + "/" + MANIFEST, "is a delta set with no bulk set before it");
                    }
                    first = manifest;
                } else if (manifest.v12() != first.v12()) {
                    throw new MisReadException(name + "/" + MANIFEST, "is OneRoster " + (manifest.v12() ? "1.2" : "1.1")
                            + " but the bulk set it applies to is not");
                }
                new CsvSetReader(schoolId, charset).read(source, manifest, rows, issues);
            } catch (IOException e) {
                throw new MisReadException(set.getFileName().toString(), 0, null, "cannot be read: " + e.getMessage(), e);
            }
        }
        boolean v12 = Objects.requireNonNull(first).v12();
        if (v12) {
            rows.applyRoles(USERS, ROLES);
        }
        for (ReadIssue issue : issues) {
            LOG.warn("{}: {}", schoolId, issue.describe());
        }
        SnapshotAssembler assembler = new SnapshotAssembler(schoolId, SOURCE, orgSourcedId);
        assembler.checkOrg(rows, ORGS);
        Snapshot snapshot = assembler.assemble(rows, today, clock.instant(), issues);
        LastRead.Framed users = !v12 && framed(userRecords, rows.users.size())
                ? new LastRead.Framed(userRecords.digests(), rows.users.keySet().toArray(String[]::new)) : null;
        LastRead.Framed enrollments = framed(enrollmentRecords, rows.enrollments.size())
                ? new LastRead.Framed(enrollmentRecords.digests(), rows.enrollments.keySet().toArray(String[]::new)) : null;
        return new LastRead(sets, digests == null ? null : digests.entries(), rows, List.copyOf(issues), v12, today, snapshot,
                users, enrollments);
    }

    /** Whether a file's records were found one for each row read, after its header. */
    private static boolean framed(@Nullable CsvRecords records, int rowsRead) {
        return records != null && records.strict() && records.count() == rowsRead + 1;
    }

    /** The school's folder: {@code csvPath} itself, or the folder of a zip. */
    private SchoolFolder folder() throws MisReadException {
        if (!Files.exists(csvPath, LinkOption.NOFOLLOW_LINKS)) {
            throw new MisReadException("oneroster.csv.path", csvPath + " does not exist");
        }
        try {
            return SchoolFolder.of(csvPath);
        } catch (IOException e) {
            throw new MisReadException("oneroster.csv.path", csvPath + " cannot be resolved: " + e.getMessage());
        }
    }

    /** The one set at {@code csvPath}, or the last bulk set in it and the delta sets after. */
    List<Path> setsToRead() throws MisReadException {
        return setsToRead(folder());
    }

    private List<Path> setsToRead(SchoolFolder folder) throws MisReadException {
        if (!Files.isDirectory(csvPath) || isSet(csvPath)) {
            return List.of(csvPath);
        }
        List<Path> sets;
        try (Stream<Path> children = Files.list(csvPath)) {
            sets = children.filter(p -> Files.isDirectory(p) || p.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".zip"))
                    .sorted()
                    .toList();
        } catch (IOException e) {
            throw new MisReadException("oneroster.csv.path", csvPath + " cannot be listed: " + e.getMessage());
        }
        if (sets.isEmpty()) {
            throw new MisReadException("oneroster.csv.path", csvPath + " holds no users.csv and no OneRoster sets (folders or zips)");
        }
        int lastBulk = -1;
        for (int i = sets.size() - 1; i >= 0 && lastBulk < 0; i--) {
            try (CsvSource source = CsvSource.of(sets.get(i), folder, zipLimits)) {
                if (!Manifest.read(source, charset).delta()) {
                    lastBulk = i;
                }
            } catch (IOException e) {
                throw new MisReadException(sets.get(i).getFileName().toString(), 0, null, "cannot be read: " + e.getMessage(), e);
            }
        }
        if (lastBulk < 0) {
            throw new MisReadException("oneroster.csv.path", csvPath + " holds only delta sets; a bulk set is needed to apply them to");
        }
        List<Path> chosen = sets.subList(lastBulk, sets.size());
        LOG.debug("{}: reading bulk set {} and {} delta sets after it", schoolId, chosen.get(0).getFileName(), chosen.size() - 1);
        return chosen;
    }

    private static boolean isSet(Path folder) {
        try (Stream<Path> files = Files.list(folder)) {
            return files.anyMatch(p -> {
                String n = p.getFileName().toString();
                return n.equalsIgnoreCase(USERS) || n.equalsIgnoreCase(MANIFEST);
            });
        } catch (IOException e) {
            return true; // let the read report why the folder cannot be read
        }
    }
}
