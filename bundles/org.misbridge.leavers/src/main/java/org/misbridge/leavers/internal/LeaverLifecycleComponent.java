package org.misbridge.leavers.internal;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.misbridge.api.AuditTrail;
import org.misbridge.api.ContactPreferences;
import org.misbridge.api.DeletionQueue;
import org.misbridge.api.Directory;
import org.misbridge.api.SyncService;
import org.misbridge.api.directory.AuditRecord;
import org.misbridge.api.directory.ChangeSet;
import org.misbridge.api.directory.DirectoryState;
import org.misbridge.api.directory.Member;
import org.misbridge.api.directory.OptOut;
import org.misbridge.api.directory.SyncOutcome;
import org.misbridge.api.directory.SyncRun;
import org.misbridge.api.files.ExportFolder;
import org.misbridge.api.files.FileNames;
import org.misbridge.api.lifecycle.ArchivedGroup;
import org.misbridge.api.lifecycle.Booking;
import org.misbridge.api.lifecycle.LeaverLifecycle;
import org.misbridge.api.lifecycle.LeaverRecords;
import org.misbridge.api.lifecycle.Wallet;
import org.misbridge.api.lifecycle.WalletStatus;
import org.misbridge.api.lifecycle.Wallets;
import org.misbridge.api.model.EnrolmentState;
import org.osgi.service.cm.ConfigurationAdmin;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The leaver lifecycle's rules in one place, for the school:* commands and any other caller: each
 * method checks, changes and audits; the per-school work (queue, lock, feeds) is the school's
 * {@link SchoolLeavers}.
 */
@Component(service = LeaverLifecycle.class)
public final class LeaverLifecycleComponent implements LeaverLifecycle {

    private static final Logger AUDIT = LoggerFactory.getLogger("org.misbridge.audit");

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC)
    private volatile List<SchoolLeavers> schools;

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC)
    private volatile @Nullable ExportFolder exports;

    @Reference
    private Directory directory;

    @Reference
    private DeletionQueue deletions;

    @Reference
    private ContactPreferences preferences;

    @Reference
    private AuditTrail trail;

    @Reference
    private Wallets wallets;

    @Reference
    private LeaverRecords records;

    @Reference
    private SyncService syncService;

    @Reference
    private ConfigurationAdmin configAdmin;

    @Override
    public List<String> schools() {
        return schools.stream().map(SchoolLeavers::schoolId).toList();
    }

    private SchoolLeavers school(String schoolId) {
        return schools.stream().filter(s -> s.schoolId().equals(schoolId)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("school '" + schoolId + "' has no leaver lifecycle configured"
                        + " (etc/org.misbridge.leavers-" + schoolId + ".cfg with school.id=" + schoolId + ")"));
    }

    @Override
    public int anonymiseAfterDays(String schoolId) {
        return school(schoolId).anonymiseAfterDays();
    }

    @Override
    public ZoneId zone(String schoolId) {
        return school(schoolId).zone();
    }

    private LocalDate today(String schoolId) {
        return LocalDate.now(zone(schoolId));
    }

    private LeaverFacts facts(String schoolId, DirectoryState state, List<Wallet> all, List<Booking> bookings) {
        return new LeaverFacts(state, all, bookings, today(schoolId));
    }

    @Override
    public LeaversOverview leavers(String schoolId) {
        SchoolLeavers leavers = school(schoolId);
        DirectoryState state = directory.load(schoolId);
        LeaverFacts facts = facts(schoolId, state, wallets.wallets(schoolId), wallets.bookings(schoolId));
        Set<String> deleting = Set.copyOf(deletions.deletionQueue(schoolId));
        List<LeaverRow> rows = facts.leavers().stream().map(m -> row(m, facts, deleting.contains(m.id()))).toList();
        DeletionProgress p = leavers.progress();
        return new LeaversOverview(rows, new DeletionProgress(deleting.size(), p.deleted(), p.running(), p.lastError()));
    }

    private static LeaverRow row(Member m, LeaverFacts facts, boolean deleting) {
        return new LeaverRow(m, facts.linksOf(m.id()).size(), deleting, facts.warnings(m));
    }

    @Override
    public DeletionProgress progress(String schoolId) {
        DeletionProgress p = school(schoolId).progress();
        return new DeletionProgress(deletions.deletionQueue(schoolId).size(), p.deleted(), p.running(), p.lastError());
    }

    /** The selection's leavers not queued yet; ids given must all be leavers. */
    private static List<Member> choose(String schoolId, DirectoryState state, Set<String> queued, LeaverSelection selection) {
        if (!selection.ids().isEmpty()) {
            Set<String> leavers = new HashSet<>(); // sets, not walks of every member for each id given
            state.members().stream().filter(m -> m.state() == EnrolmentState.LEAVER).forEach(m -> leavers.add(m.id()));
            List<String> notLeavers = selection.ids().stream().filter(id -> !leavers.contains(id)).toList();
            if (!notLeavers.isEmpty()) {
                throw new IllegalArgumentException("not leavers of " + schoolId + ": " + String.join(", ", notLeavers));
            }
            Set<String> chosen = Set.copyOf(selection.ids());
            return state.members().stream().filter(m -> chosen.contains(m.id()) && !queued.contains(m.id())).toList();
        }
        return state.members().stream().filter(m -> m.state() == EnrolmentState.LEAVER && !queued.contains(m.id()))
                .filter(m -> selection.year() == null || Objects.equals(selection.year(), m.yearGroup())).toList();
    }

    @Override
    public DeletionPlan planDeletion(String schoolId, LeaverSelection selection, @Nullable String exportName) {
        school(schoolId);
        if (exportName != null) {
            FileNames.requirePlain(exportName, ".json"); // a bad name is refused before anything is shown or queued
        }
        DirectoryState state = directory.load(schoolId);
        Set<String> queued = Set.copyOf(deletions.deletionQueue(schoolId));
        List<Member> chosen = choose(schoolId, state, queued, selection);
        if (chosen.isEmpty()) {
            return new DeletionPlan(List.of(), queued.size());
        }
        LeaverFacts facts = facts(schoolId, state, wallets.wallets(schoolId), wallets.bookings(schoolId));
        return new DeletionPlan(chosen.stream().map(m -> row(m, facts, false)).toList(), queued.size());
    }

    @Override
    public DeletionQueued deleteLeavers(String schoolId, LeaverSelection selection, @Nullable String exportName, String actor)
            throws IOException {
        SchoolLeavers leavers = school(schoolId);
        if (exportName != null) {
            FileNames.requirePlain(exportName, ".json");
        }
        DirectoryState state = directory.load(schoolId);
        List<Member> chosen = choose(schoolId, state, Set.copyOf(deletions.deletionQueue(schoolId)), selection);
        if (chosen.isEmpty()) {
            return new DeletionQueued(0, null, 0);
        }
        Path file = null;
        if (exportName != null) {
            List<Wallet> walletList = wallets.wallets(schoolId);
            List<Booking> bookings = wallets.bookings(schoolId);
            file = ExportFolders.require(exports).writeNew(exportName, ".json",
                    out -> MemberExport.write(out, state, chosen, walletList, bookings));
        }
        // the audit record is written in the queue's own transaction
        int added = deletions.queueDeletion(schoolId, chosen.stream().map(Member::id).toList(), actor, "delete-leavers",
                selection.describe());
        logAudit(schoolId, actor, "delete-leavers", selection.describe(), added);
        leavers.processDeletions();
        return new DeletionQueued(chosen.size(), file, added);
    }

    @Override
    public Member erasable(String schoolId, String memberId) {
        school(schoolId);
        Member member = directory.load(schoolId).members().stream().filter(m -> m.id().equals(memberId)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no member '" + memberId + "' in school " + schoolId));
        if (member.state() != EnrolmentState.LEAVER) {
            throw new IllegalStateException(memberId + " is " + member.state().name().toLowerCase().replace('_', ' ')
                    + " in the MIS, which would bring them back: record them as left in the MIS first");
        }
        return member;
    }

    @Override
    public int erase(String schoolId, String memberId, String actor) {
        erasable(schoolId, memberId);
        preferences.setOptOut(schoolId, new OptOut(OptOut.Kind.STUDENT, memberId), true);
        SyncRun run = syncService.sync(schoolId);
        if (run.outcome() != SyncOutcome.SUCCESS) {
            audit(schoolId, actor, "erase", memberId + " opted out; sync " + run.outcome().name().toLowerCase(), 0);
            throw new IllegalStateException(memberId + " is opted out, but the sync did not succeed (" + run.message()
                    + "): nothing deleted yet; run school:erase again once school:sync works");
        }
        int queued = deletions.queueDeletion(schoolId, List.of(memberId), actor, "erase", memberId);
        logAudit(schoolId, actor, "erase", memberId, queued);
        school(schoolId).processDeletions();
        return queued;
    }

    @Override
    public ChangeSet planMerge(String schoolId, String keepId, String duplicateId) {
        school(schoolId);
        return MergePlan.of(directory.load(schoolId), keepId, duplicateId);
    }

    @Override
    public int merge(String schoolId, String keepId, String duplicateId, String actor) {
        SchoolLeavers leavers = school(schoolId);
        int rows = leavers.exclusively(() -> {
            // planned again under the school's lock, against the directory as it is now
            DirectoryState before = directory.load(schoolId);
            ChangeSet plan = MergePlan.of(before, keepId, duplicateId);
            records.merge(schoolId, keepId, duplicateId, plan, leavers.feedEntries(before, plan), actor);
            return plan.created() + plan.updated() + plan.removed();
        });
        leavers.feedsCommitted();
        logAudit(schoolId, actor, "merge-students", duplicateId + " into " + keepId, rows);
        return rows;
    }

    @Override
    public List<WalletView> wallets(String schoolId, boolean onlyToClose) {
        school(schoolId);
        List<Wallet> all = wallets.wallets(schoolId);
        LeaverFacts facts = facts(schoolId, directory.load(schoolId), all, wallets.bookings(schoolId));
        return (onlyToClose ? facts.walletsToClose() : all).stream()
                .map(w -> new WalletView(w, facts.stayingChildren(w.personId()))).toList();
    }

    private Wallet wallet(String schoolId, String walletId) {
        return wallets.wallet(schoolId, walletId).orElseThrow(() -> new IllegalArgumentException(
                "no wallet '" + walletId + "' in school " + schoolId + " (see school:wallets " + schoolId + ")"));
    }

    @Override
    public Wallet closable(String schoolId, String walletId) {
        school(schoolId);
        Wallet w = wallet(schoolId, walletId);
        if (w.status() != WalletStatus.OPEN) {
            throw new IllegalStateException("wallet " + walletId + " is " + w.status().name().toLowerCase() + " already");
        }
        List<String> staying = facts(schoolId, directory.load(schoolId), List.of(w), List.of())
                .stayingChildren(w.personId());
        if (!staying.isEmpty()) {
            throw new IllegalStateException("wallet " + walletId + " stays open: " + w.personId() + " has children staying ("
                    + String.join(", ", staying) + ")");
        }
        return w;
    }

    @Override
    public Wallet closeWallet(String schoolId, String walletId, String actor) {
        closable(schoolId, walletId);
        Wallet closed = wallets.close(schoolId, walletId, actor);
        logAudit(schoolId, actor, "close-wallet", walletId, 1);
        return closed;
    }

    @Override
    public Wallet settleable(String schoolId, String walletId, LocalDate refunded) {
        if (refunded.isAfter(today(schoolId))) {
            throw new IllegalArgumentException("refund date " + refunded + " is in the future; settle a wallet once the refund was given");
        }
        Wallet w = wallet(schoolId, walletId);
        if (w.status() != WalletStatus.CLOSED) {
            throw new IllegalStateException("wallet " + walletId + " is " + w.status().name().toLowerCase()
                    + (w.status() == WalletStatus.OPEN ? ": close it first (school:close-wallet)" : " already"));
        }
        return w;
    }

    @Override
    public Wallet settleWallet(String schoolId, String walletId, LocalDate refunded, String actor) {
        settleable(schoolId, walletId, refunded);
        Wallet settled = wallets.settle(schoolId, walletId, refunded, actor);
        logAudit(schoolId, actor, "settle-wallet", walletId + " refunded on " + refunded, 1);
        return settled;
    }

    @Override
    public ReportWritten writeReport(String schoolId, String fileName) throws IOException {
        school(schoolId);
        DirectoryState state = directory.load(schoolId);
        List<Wallet> all = wallets.wallets(schoolId);
        LeaverFacts facts = facts(schoolId, state, all, wallets.bookings(schoolId));
        Path file = ExportFolders.require(exports).writeNew(fileName, ".csv", out -> YearEndReport.write(out, state, facts, all));
        return new ReportWritten(file, state.members().size());
    }

    @Override
    public int extendRetention(String schoolId, int days, String actor) throws IOException {
        int current = anonymiseAfterDays(schoolId);
        new RetentionSettings(configAdmin).extend(schoolId, current, days);
        audit(schoolId, actor, "retention", current + " -> " + days + " days", 1);
        return current;
    }

    private Instant startOf(String schoolId, LocalDate day) {
        return day.atStartOfDay(zone(schoolId)).toInstant();
    }

    @Override
    public List<ArchivedGroup> groupsToArchive(String schoolId, LocalDate before) {
        return records.groupsToArchive(schoolId, startOf(schoolId, before));
    }

    @Override
    public List<ArchivedGroup> archiveGroups(String schoolId, LocalDate before, String actor) {
        List<ArchivedGroup> groups = records.archiveGroups(schoolId, startOf(schoolId, before), actor);
        logAudit(schoolId, actor, "archive-groups", "before " + before, groups.size());
        return groups;
    }

    @Override
    public List<ErasureDue> erasures(String schoolId) {
        Duration retention = Duration.ofDays(anonymiseAfterDays(schoolId));
        Instant now = Instant.now();
        return records.erasures(schoolId).stream().map(e -> {
            Instant from = e.deletedAt().plus(retention);
            return new ErasureDue(e, from, e.anonymisedAt() == null && !from.isAfter(now));
        }).toList();
    }

    @Override
    public int anonymiseDue(String schoolId, String actor) {
        SchoolLeavers leavers = school(schoolId);
        int done = leavers.anonymiseDue(actor);
        logAudit(schoolId, actor, "anonymise", "retention " + leavers.anonymiseAfterDays() + " days", done);
        return done;
    }

    /** The audit log line of a change the store already recorded in the school's trail. */
    private static void logAudit(String schoolId, String actor, String action, String target, int count) {
        AUDIT.info("user={} school={} action={} target={} count={}", actor, schoolId, action, target, count);
    }

    /** Records in the school's trail (school:audit) and writes the audit log line. */
    private void audit(String schoolId, String actor, String action, String target, int count) {
        logAudit(schoolId, actor, action, target, count);
        trail.audit(schoolId, new AuditRecord(Instant.now(), actor, action, target, count));
    }
}
