package org.misbridge.sync.internal;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.Dictionary;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import org.misbridge.api.Redactor;
import org.misbridge.api.SchoolHealth.State;
import org.misbridge.api.SchoolProperties;
import org.osgi.framework.InvalidSyntaxException;
import org.osgi.service.cm.Configuration;
import org.osgi.service.cm.ConfigurationAdmin;
import org.osgi.service.component.runtime.ServiceComponentRuntime;
import org.osgi.service.component.runtime.dto.ComponentConfigurationDTO;
import org.osgi.service.component.runtime.dto.ComponentDescriptionDTO;
import org.osgi.service.component.runtime.dto.UnsatisfiedReferenceDTO;

/**
 * Finds what is wrong with schools that have configuration files but no running sync, and with the
 * files of running schools that were refused: every per-school configuration ConfigurationAdmin holds
 * (one of {@code org.misbridge.sync}, {@code .mis.*}, {@code .meals}, {@code .leavers}), and how Declarative
 * Services took it: refused at activation (the component's own message, which names the key and never a
 * value), waiting for a reader, or served by no component at all (its feature is not installed).
 */
final class ConfiguredSchools {

    /** A school's problem, in words an operator can act on. */
    record Problem(String schoolId, State state, String cause) {
    }

    static final String SYNC = "org.misbridge.sync";
    private static final String READERS = "org.misbridge.mis.";
    private static final List<String> CONNECTORS = List.of(SYNC, "org.misbridge.meals", "org.misbridge.leavers");
    private static final Pattern USER_INFO = Pattern.compile("(?i)\\b([a-z][a-z0-9+.-]*://)[^/@\\s']*@");
    private static final Pattern EXCEPTION_PREFIX = Pattern.compile("^(?:[a-zA-Z_$][\\w$]*\\.)+[A-Z][\\w$]*(?:Exception|Error): ?");
    private static final int MAX_CAUSE = 600;

    private ConfiguredSchools() {
    }

    /** One per-school configuration and how DS took it. */
    private record Found(String file, String factoryPid, String school, @Nullable ComponentConfigurationDTO component) {
    }

    /**
     * The problem of each school that has one, by school id: schools in {@code running} are judged only on
     * their refused files; the others also on why their sync does not run.
     */
    static Map<String, Problem> problems(ConfigurationAdmin configAdmin, ServiceComponentRuntime scr,
            Set<String> running) {
        List<Found> found = found(configAdmin, scr);
        Map<String, Problem> problems = new LinkedHashMap<>();
        // a refused file, of any connector, is the most specific thing to say; a reader's first, as a sync
        // given a reader that then failed to start is refused only for that (its message says nothing useful)
        List<Found> readersFirst = new ArrayList<>(found);
        readersFirst.sort(Comparator.comparing(f -> f.factoryPid().equals(SYNC)));
        for (Found f : readersFirst) {
            if (f.component() != null && f.component().state == ComponentConfigurationDTO.FAILED_ACTIVATION) {
                problems.putIfAbsent(f.school(), new Problem(f.school(), State.MISCONFIGURED,
                        f.file() + " is refused: " + failure(f.component().failure)));
            }
        }
        for (Found sync : found) {
            if (!sync.factoryPid().equals(SYNC) || running.contains(sync.school()) || problems.containsKey(sync.school())) {
                continue;
            }
            problems.put(sync.school(), withoutSync(sync, found));
        }
        return problems;
    }

    /** Why a school with a sync file has no running sync, when none of its files was refused. */
    private static Problem withoutSync(Found sync, List<Found> found) {
        String school = sync.school();
        UnsatisfiedReferenceDTO reader = unsatisfied(sync.component(), "reader");
        if (sync.component() != null && reader == null) {
            return new Problem(school, State.MISCONFIGURED, sync.file() + " is not active yet ("
                    + describe(sync.component()) + "); see log:display for why");
        }
        List<Found> readers = found.stream().filter(f -> f.factoryPid().startsWith(READERS) && f.school().equals(school)).toList();
        if (readers.isEmpty()) {
            return new Problem(school, State.NO_READER, "no MIS reader is configured for school " + school
                    + ": add etc/org.misbridge.mis.oneroster-" + school + ".cfg (or .mis.wonde-, .mis.ctf-)");
        }
        for (Found r : readers) {
            if (r.component() == null) {
                String feature = "misbridge-" + r.factoryPid().substring("org.misbridge.".length()).replace('.', '-');
                return new Problem(school, State.NO_READER, r.file() + " has no reader to serve it: the feature "
                        + feature + " is not installed (feature:install " + feature + ")");
            }
        }
        String target = reader == null || reader.target == null ? "its reader.target" : "reader.target " + reader.target;
        return new Problem(school, State.NO_READER, target + " selects no running reader (the school's reader file: "
                + readers.get(0).file() + ", " + describe(readers.get(0).component()) + ")");
    }

    private static List<Found> found(ConfigurationAdmin configAdmin, ServiceComponentRuntime scr) {
        Map<String, ComponentConfigurationDTO> byPid = new HashMap<>();
        Set<String> served = new HashSet<>();
        for (ComponentDescriptionDTO description : scr.getComponentDescriptionDTOs()) {
            for (String pid : description.configurationPid) {
                if (pid.startsWith("org.misbridge.")) {
                    served.add(pid);
                }
            }
            for (ComponentConfigurationDTO configuration : scr.getComponentConfigurationDTOs(description)) {
                Object pid = configuration.properties.get("service.pid");
                if (pid != null) {
                    byPid.put(pid.toString(), configuration);
                }
            }
        }
        List<Found> found = new ArrayList<>();
        for (Configuration c : configurations(configAdmin)) {
            String factoryPid = c.getFactoryPid();
            Dictionary<String, Object> properties = c.getProcessedProperties(null);
            if (factoryPid == null || properties == null || !isPerSchool(factoryPid)) {
                continue;
            }
            String school = schoolOf(factoryPid, c.getPid(), properties);
            if (school == null) {
                continue;
            }
            ComponentConfigurationDTO component = byPid.get(c.getPid());
            if (component == null && served.contains(factoryPid)) {
                continue; // DS has not taken it up yet (a file just dropped)
            }
            found.add(new Found(fileOf(c.getPid(), properties), factoryPid, school, component));
        }
        return found;
    }

    private static Configuration[] configurations(ConfigurationAdmin configAdmin) {
        try {
            Configuration[] all = configAdmin.listConfigurations("(service.factoryPid=org.misbridge.*)");
            return all == null ? new Configuration[0] : all;
        } catch (IOException | InvalidSyntaxException e) {
            throw new IllegalStateException("listing the schools' configurations failed: " + e.getMessage(), e);
        }
    }

    private static boolean isPerSchool(String factoryPid) {
        return CONNECTORS.contains(factoryPid) || factoryPid.startsWith(READERS);
    }

    /** The school a file is named for ({@code factoryPid-NAME.cfg}, {@code factoryPid~NAME}), else its school.id. */
    static @Nullable String schoolOf(String factoryPid, String pid, Dictionary<String, Object> properties) {
        Object file = properties.get("felix.fileinstall.filename");
        if (file != null) {
            String base = file.toString().substring(file.toString().lastIndexOf('/') + 1);
            int dot = base.lastIndexOf('.');
            base = dot > 0 ? base.substring(0, dot) : base;
            if (base.startsWith(factoryPid + "-")) {
                return base.substring(factoryPid.length() + 1);
            }
        }
        if (pid.startsWith(factoryPid + "~")) {
            return pid.substring(factoryPid.length() + 1);
        }
        Object id = properties.get(SchoolProperties.SCHOOL_ID);
        return id == null ? null : id.toString();
    }

    private static String fileOf(String pid, Dictionary<String, Object> properties) {
        Object file = properties.get("felix.fileinstall.filename");
        if (file == null) {
            return "configuration " + pid;
        }
        String f = file.toString();
        return "etc/" + f.substring(f.lastIndexOf('/') + 1);
    }

    private static @Nullable UnsatisfiedReferenceDTO unsatisfied(@Nullable ComponentConfigurationDTO component, String name) {
        if (component == null || component.unsatisfiedReferences == null) {
            return null;
        }
        for (UnsatisfiedReferenceDTO r : component.unsatisfiedReferences) {
            if (name.equals(r.name)) {
                return r;
            }
        }
        return null;
    }

    private static String describe(@Nullable ComponentConfigurationDTO component) {
        if (component == null) {
            return "no component";
        }
        return switch (component.state) {
            case ComponentConfigurationDTO.ACTIVE, ComponentConfigurationDTO.SATISFIED -> "running";
            case ComponentConfigurationDTO.UNSATISFIED_REFERENCE -> "waiting for "
                    + String.join(", ", Arrays.stream(component.unsatisfiedReferences).map(r -> r.name).toList());
            case ComponentConfigurationDTO.FAILED_ACTIVATION -> "refused";
            default -> "not satisfied";
        };
    }

    /**
     * The refusal as its component worded it: the message of the outermost exception of DS's stack trace
     * that says something, one line, without the exception's class, URLs' user info and anything that
     * looks like a credential masked, and cut to a screenful.
     */
    static String failure(@Nullable String stackTrace) {
        if (stackTrace == null || stackTrace.isBlank()) {
            return "refused at activation (log:display has the reason)";
        }
        // the outermost exception that says something: reflection's wrappers around the component's own are skipped
        Optional<String> line = stackTrace.lines()
                .filter(l -> !l.startsWith("\t") && !l.startsWith(" "))
                .map(l -> l.startsWith("Caused by: ") ? l.substring("Caused by: ".length()) : l)
                .filter(l -> !l.startsWith("java.lang.reflect.") && !EXCEPTION_PREFIX.matcher(l.strip()).replaceFirst("").isBlank()
                        && !l.strip().matches("(?:[a-zA-Z_$][\\w$]*\\.)+[A-Z][\\w$]*(?:Exception|Error)"))
                .findFirst();
        String message = EXCEPTION_PREFIX.matcher(line.orElse("").strip()).replaceFirst("");
        // refusals name keys, never values; should one echo a value after all, it is masked as any answer is
        message = Redactor.patterns().redact(USER_INFO.matcher(message).replaceAll("$1***@"));
        if (message.isBlank()) {
            return "refused at activation (log:display has the reason)";
        }
        return message.length() <= MAX_CAUSE ? message : message.substring(0, MAX_CAUSE) + "…";
    }
}
