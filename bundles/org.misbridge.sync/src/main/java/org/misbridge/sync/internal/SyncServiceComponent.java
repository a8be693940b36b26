package org.misbridge.sync.internal;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.function.Supplier;
import org.misbridge.api.Actors;
import org.misbridge.api.Authorisation;
import org.misbridge.api.Directory;
import org.misbridge.api.DirectoryEdits;
import org.misbridge.api.Role;
import org.misbridge.api.SchoolHealth;
import org.misbridge.api.SyncOptions;
import org.misbridge.api.SyncProgress;
import org.misbridge.api.SyncService;
import org.misbridge.api.directory.AuditRecord;
import org.misbridge.api.directory.ChangeSet;
import org.misbridge.api.directory.MemberKind;
import org.misbridge.api.directory.Origin;
import org.misbridge.api.directory.SyncRun;
import org.jspecify.annotations.Nullable;
import org.misbridge.scheduler.SchoolScheduler;
import org.misbridge.sync.plan.HandEdits;
import org.misbridge.sync.plan.Pause;
import org.osgi.service.cm.ConfigurationAdmin;
import org.osgi.service.component.runtime.ServiceComponentRuntime;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Gathers every configured school's sync as schools come and go. */
@Component(service = {SyncService.class, DirectoryEdits.class})
public final class SyncServiceComponent implements SyncService, DirectoryEdits {

    private static final Logger LOG = LoggerFactory.getLogger(SyncServiceComponent.class);

    private final Map<String, SchoolSync> schools = new ConcurrentHashMap<>();

    private final Directory directory;
    private final SchoolScheduler scheduler;
    private final Clock clock;
    private volatile @Nullable ConfigurationAdmin configAdmin;
    private volatile @Nullable ServiceComponentRuntime scr;

    @Activate
    public SyncServiceComponent(@Reference Directory directory, @Reference SchoolScheduler scheduler) {
        this(directory, scheduler, Clock.systemUTC());
    }

    SyncServiceComponent(Directory directory, SchoolScheduler scheduler, Clock clock) {
        this.directory = directory;
        this.scheduler = scheduler;
        this.clock = clock;
    }

    @Override
    public List<SchoolHealth> health() {
        Instant now = clock.instant();
        Duration staleAfter = Duration.ofMinutes(scheduler.staleAfterMinutes());
        Map<String, ConfiguredSchools.Problem> problems = problems();
        List<SchoolHealth> all = new ArrayList<>();
        for (SchoolSync s : schools.values()) {
            SchoolHealth judged = HealthJudge.judge(s.schoolId(), s.paused().contains(Pause.ALL), s.schedule(),
                    directory.lastRun(s.schoolId()).orElse(null), directory.lastGoodRun(s.schoolId()).orElse(null),
                    s.nextRun().orElse(null), now, staleAfter);
            ConfiguredSchools.Problem problem = problems.remove(s.schoolId());
            all.add(problem == null ? judged : new SchoolHealth(judged.schoolId(), problem.state(), judged.lastGoodRead(),
                    judged.lastRun(), judged.nextRun(), judged.schedule(), problem.cause()));
        }
        // schools with files but no running sync: refused, or without a reader
        for (ConfiguredSchools.Problem p : problems.values()) {
            all.add(new SchoolHealth(p.schoolId(), p.state(),
                    directory.lastGoodRun(p.schoolId()).map(SyncRun::startedAt).orElse(null),
                    directory.lastRun(p.schoolId()).orElse(null), null, "not scheduled (not running)", p.cause()));
        }
        all.sort(Comparator.comparing(SchoolHealth::schoolId));
        return List.copyOf(all);
    }

    /** What is wrong with schools' configuration files, as far as ConfigurationAdmin and DS tell. */
    private Map<String, ConfiguredSchools.Problem> problems() {
        ConfigurationAdmin configAdmin = this.configAdmin;
        ServiceComponentRuntime scr = this.scr;
        if (configAdmin == null || scr == null) {
            return new HashMap<>();
        }
        try {
            return new HashMap<>(ConfiguredSchools.problems(configAdmin, scr, schools.keySet()));
        } catch (RuntimeException e) {
            LOG.warn("Could not tell which schools' configurations were refused: {}", e.getMessage(), e);
            return new HashMap<>();
        }
    }

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC)
    void bindConfigurationAdmin(ConfigurationAdmin configAdmin) {
        this.configAdmin = configAdmin;
    }

    void unbindConfigurationAdmin(ConfigurationAdmin configAdmin) {
        if (this.configAdmin == configAdmin) {
            this.configAdmin = null;
        }
    }

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC)
    void bindServiceComponentRuntime(ServiceComponentRuntime scr) {
        this.scr = scr;
    }

    void unbindServiceComponentRuntime(ServiceComponentRuntime scr) {
        if (this.scr == scr) {
            this.scr = null;
        }
    }

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC)
    public void addSchool(SchoolSync school) {
        schools.put(school.schoolId(), school);
    }

    public void removeSchool(SchoolSync school) {
        schools.remove(school.schoolId(), school);
    }

    @Override
    public List<SchoolInfo> schools() {
        return schools.values().stream().map(SyncServiceComponent::info)
                .sorted(Comparator.comparing(SchoolInfo::id)).toList();
    }

    @Override
    public Optional<SchoolInfo> school(String schoolId) {
        return Optional.ofNullable(schools.get(schoolId)).map(SyncServiceComponent::info);
    }

    @Override
    public SyncRun sync(String schoolId) {
        return sync(schoolId, SyncOptions.normal());
    }

    // a caller with a JAAS subject (a shell session) needs the role its options need; the host's own
    // callers (the scheduler, other bundles' threads) have none and are trusted
    @Override
    public SyncRun sync(String schoolId, SyncOptions options) {
        Authorisation.require(options.role(), options.describe());
        return require(schoolId).syncNow(options);
    }

    @Override
    public SyncRun sync(String schoolId, SyncOptions options, SyncProgress progress) {
        Authorisation.require(options.role(), options.describe());
        return require(schoolId).syncNow(options, progress);
    }

    @Override
    public <T> T exclusively(String schoolId, Supplier<T> work) {
        return require(schoolId).exclusively(work);
    }

    private SchoolSync require(String schoolId) {
        SchoolSync school = schools.get(schoolId);
        if (school == null) {
            ConfiguredSchools.Problem problem = problems().get(schoolId);
            if (problem != null) {
                throw new IllegalArgumentException("school '" + schoolId + "' is " + problem.state() + ": " + problem.cause());
            }
            throw new IllegalArgumentException("no school '" + schoolId + "' is configured (see school:list)");
        }
        return school;
    }

    // --- hand edits: planned against the directory as it is and applied while no sync runs

    private void edit(String schoolId, String what, Function<HandEdits, ChangeSet> edit) {
        edit(schoolId, Role.OPERATOR, what, edit, null, null);
    }

    /**
     * A hand edit, by a caller with the role it needs (see {@link #sync(String, SyncOptions)}); with an
     * {@code action}, audited as the caller in the edit's own transaction (the target's one record).
     */
    private void edit(String schoolId, Role needed, String what, Function<HandEdits, ChangeSet> edit,
            @Nullable String action, @Nullable String target) {
        Authorisation.require(needed, "a hand edit (" + what + ")");
        String actor = Actors.current();
        require(schoolId).exclusively(() -> {
            ChangeSet changes = edit.apply(new HandEdits(directory.load(schoolId)));
            if (action != null && target != null) {
                directory.edit(schoolId, changes, new AuditRecord(clock.instant(), actor, action, target, 1));
            } else if (!changes.isEmpty()) {
                directory.edit(schoolId, changes);
            }
            LOG.info("School {}: {} ({} created, {} updated, {} removed)", schoolId, what, changes.created(),
                    changes.updated(), changes.removed());
            return null;
        });
    }

    @Override
    public void addMember(String schoolId, String memberId, MemberKind kind, String givenName, String familyName) {
        edit(schoolId, "member " + memberId + " added by hand", e -> e.addMember(memberId, kind, givenName, familyName));
    }

    @Override
    public void removeMember(String schoolId, String memberId) {
        edit(schoolId, Role.ADMIN, "hand-added member " + memberId + " removed", e -> e.removeMember(memberId),
                "remove-member", memberId);
    }

    @Override
    public void link(String schoolId, String memberId, Adult adult, int priority, boolean prime, Origin origin) {
        edit(schoolId, adult.personId() + " linked to " + memberId + " (" + origin.name().toLowerCase() + ")",
                e -> e.link(memberId, adult, priority, prime, origin));
    }

    @Override
    public void unlink(String schoolId, String memberId, String personId) {
        edit(schoolId, Role.OPERATOR, personId + " unlinked from " + memberId, e -> e.unlink(memberId, personId),
                "unlink", memberId + "/" + personId);
    }

    @Override
    public void createGroup(String schoolId, String groupId, String name) {
        edit(schoolId, "custom group " + groupId + " created", e -> e.createGroup(groupId, name));
    }

    @Override
    public void renameGroup(String schoolId, String groupId, String name) {
        edit(schoolId, "custom group " + groupId + " renamed", e -> e.renameGroup(groupId, name));
    }

    @Override
    public void deleteGroup(String schoolId, String groupId) {
        edit(schoolId, Role.ADMIN, "custom group " + groupId + " deleted", e -> e.deleteGroup(groupId),
                "group-delete", groupId);
    }

    @Override
    public void addToGroup(String schoolId, String groupId, List<String> memberIds) {
        edit(schoolId, "members added to custom group " + groupId, e -> e.addToGroup(groupId, memberIds));
    }

    @Override
    public void removeFromGroup(String schoolId, String groupId, List<String> memberIds) {
        edit(schoolId, "members removed from custom group " + groupId, e -> e.removeFromGroup(groupId, memberIds));
    }

    private static SchoolInfo info(SchoolSync s) {
        return new SchoolInfo(s.schoolId(), s.schoolName(), s.readerKind(), Pause.names(s.paused()), s.readsDeltas());
    }
}
