package org.misbridge.leavers.internal;

import java.io.IOException;
import java.util.Dictionary;
import org.misbridge.api.SchoolProperties;
import org.osgi.framework.InvalidSyntaxException;
import org.osgi.service.cm.Configuration;
import org.osgi.service.cm.ConfigurationAdmin;

/**
 * Extends a school's retention period by editing {@code anonymiseAfterDays} in the school's own
 * leavers configuration, so the change survives restarts and shows in its etc/ file. Only
 * extending is allowed here: a shorter period could anonymise at once, and that cannot be undone.
 */
public final class RetentionSettings {

    static final String KEY = "anonymiseAfterDays";

    private final ConfigurationAdmin configAdmin;

    public RetentionSettings(ConfigurationAdmin configAdmin) {
        this.configAdmin = configAdmin;
    }

    /** Sets the period to {@code days}; returns the period it replaced. */
    public int extend(String schoolId, int current, int days) throws IOException {
        if (days < current) {
            throw new IllegalArgumentException("school " + schoolId + " keeps deleted members' records for " + current
                    + " days; " + days + " would shorten it, which this command does not do (anonymisation cannot"
                    + " be undone). Edit " + KEY + " in etc/org.misbridge.leavers-" + schoolId + ".cfg if you must");
        }
        Configuration config = leaversConfiguration(schoolId);
        Dictionary<String, Object> props = config.getProperties();
        props.put(KEY, Integer.toString(days));
        config.update(props);
        return current;
    }

    private Configuration leaversConfiguration(String schoolId) throws IOException {
        String filter = "(&(service.factoryPid=org.misbridge.leavers)(" + SchoolProperties.SCHOOL_ID + "="
                + SchoolProperties.requireValidSchoolId(schoolId) + "))";
        try {
            Configuration[] found = configAdmin.listConfigurations(filter);
            if (found == null || found.length != 1) {
                throw new IllegalStateException("expected one leavers configuration of school '" + schoolId + "', found "
                        + (found == null ? 0 : found.length));
            }
            return found[0];
        } catch (InvalidSyntaxException e) {
            throw new IllegalStateException("bad filter " + filter, e);
        }
    }
}
