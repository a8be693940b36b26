package org.misbridge.sync.internal;

import java.io.IOException;
import java.util.Dictionary;
import java.util.EnumSet;
import java.util.Set;
import org.misbridge.api.SchoolProperties;
import org.misbridge.sync.plan.Pause;
import org.osgi.framework.InvalidSyntaxException;
import org.osgi.service.cm.Configuration;
import org.osgi.service.cm.ConfigurationAdmin;

/**
 * Pauses and resumes parts of a school's sync by editing the {@code pause} property of the school's
 * own sync configuration, so a pause survives restarts and shows in its etc/ file.
 */
public final class PauseSettings {

    private static final String PAUSE = "pause";

    private final ConfigurationAdmin configAdmin;

    public PauseSettings(ConfigurationAdmin configAdmin) {
        this.configAdmin = configAdmin;
    }

    /** Adds (pause) or removes (resume) one part; returns the school's paused parts afterwards. */
    public Set<String> change(String schoolId, String part, boolean pause) throws IOException {
        if (!Pause.isKnown(part)) {
            throw new IllegalArgumentException("'" + part + "' is not a part of a sync: use all, contacts, groups or meals");
        }
        Configuration config = syncConfiguration(schoolId);
        Dictionary<String, Object> props = config.getProperties();
        Object current = props.get(PAUSE);
        Set<Pause> parts = EnumSet.noneOf(Pause.class);
        parts.addAll(Pause.parse(current instanceof String[] values ? values
                : current == null ? new String[0] : new String[] {current.toString()}));
        Pause which = Pause.parse(new String[] {part}).iterator().next();
        if (pause) {
            parts.add(which);
        } else if (which == Pause.ALL) {
            parts.clear(); // resuming the whole school resumes every part
        } else {
            parts.remove(which);
        }
        // one comma-separated string keeps the school's etc/ file plain (pause = contacts,groups)
        props.put(PAUSE, String.join(",", Pause.names(parts)));
        config.update(props);
        return Pause.names(parts);
    }

    private Configuration syncConfiguration(String schoolId) throws IOException {
        String filter = "(&(service.factoryPid=org.misbridge.sync)(" + SchoolProperties.SCHOOL_ID + "="
                + SchoolProperties.requireValidSchoolId(schoolId) + "))";
        try {
            Configuration[] found = configAdmin.listConfigurations(filter);
            if (found == null || found.length != 1) {
                throw new IllegalStateException("expected one sync configuration of school '" + schoolId + "', found "
                        + (found == null ? 0 : found.length));
            }
            return found[0];
        } catch (InvalidSyntaxException e) {
            throw new IllegalStateException("bad filter " + filter, e);
        }
    }
}
