package org.misbridge.api;

import java.nio.file.Path;
import java.util.Dictionary;
import java.util.Hashtable;
import org.jspecify.annotations.Nullable;

/** Service and configuration property names shared by every school-scoped component. */
public final class SchoolProperties {

    /** The school a component serves; set on every school-scoped service. */
    public static final String SCHOOL_ID = "school.id";

    /** The school's display name. */
    public static final String SCHOOL_NAME = "school.name";

    /**
     * What a school id may look like: it becomes part of file names and rows, so it is kept to
     * lower-case letters, digits, dot, dash and underscore.
     */
    public static final String SCHOOL_ID_PATTERN = "[a-z0-9][a-z0-9._-]{0,63}";

    private SchoolProperties() {
    }

    /** Throws with a clear message unless {@code id} is a usable school id. */
    public static String requireValidSchoolId(String id) {
        if (id == null || !id.matches(SCHOOL_ID_PATTERN)) {
            throw new IllegalArgumentException("school.id '" + id + "' is not valid: use 1-64 of a-z, 0-9, '.', '-', '_', starting with a letter or digit");
        }
        return id;
    }

    /**
     * The properties a school's service is registered with: its school id, and nothing from its
     * configuration. Declarative Services would publish the whole configuration as service properties
     * (a credential written into it too, even one the component then refuses), which
     * {@code service:list}, the web console and every bundle can read; a component registering itself
     * with these keeps them out of the service registry.
     */
    public static Dictionary<String, Object> serviceProperties(String schoolId) {
        Hashtable<String, Object> properties = new Hashtable<>();
        properties.put(SCHOOL_ID, requireValidSchoolId(schoolId));
        return properties;
    }

    /**
     * A path from a school's configuration: a relative one is taken from the Karaf home (when
     * known), as Karaf resolves its own {@code etc/} and {@code data/} paths.
     */
    public static Path resolvePath(String path, @Nullable String karafHome) {
        Path resolved = Path.of(path.strip());
        if (!resolved.isAbsolute() && karafHome != null && !karafHome.isBlank()) {
            resolved = Path.of(karafHome).resolve(resolved);
        }
        return resolved.normalize();
    }
}
