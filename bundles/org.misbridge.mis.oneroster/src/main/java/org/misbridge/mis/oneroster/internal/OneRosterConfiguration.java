package org.misbridge.mis.oneroster.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/** The configuration of one school's OneRoster CSV reader ({@code org.misbridge.mis.oneroster-<name>.cfg}). */
@ObjectClassDefinition(
        name = "MIS Bridge OneRoster reader",
        description = "Reads one school's roll from a OneRoster 1.1 bulk CSV set, a folder or a zip, each time the school syncs.")
public @interface OneRosterConfiguration {

    @AttributeDefinition(name = "School id", description = "The school this reader serves (school.id); "
            + "1-64 of a-z, 0-9, '.', '-', '_'.")
    String school_id();

    @AttributeDefinition(name = "CSV path", description = "The folder or .zip holding manifest.csv, users.csv, "
            + "enrollments.csv, classes.csv and orgs.csv. A relative path is resolved against karaf.home. "
            + "It need not exist yet; a read fails until it does.")
    String csv_path();

    @AttributeDefinition(name = "Org sourcedId", required = false, description = "Read only the users, classes and "
            + "enrollments of this org (its sourcedId in orgs.csv); empty reads every org in the files.")
    String org_sourcedId() default "";

    @AttributeDefinition(name = "Zip: most entries", description = "A zip with more entries is refused unread.")
    int zip_maxEntries() default Limits.DEFAULT_MAX_ENTRIES;

    @AttributeDefinition(name = "Zip: most uncompressed bytes", description = "A zip that inflates to more bytes in "
            + "all is refused (default 512 MiB).")
    long zip_maxTotalBytes() default Limits.DEFAULT_MAX_TOTAL_BYTES;

    @AttributeDefinition(name = "Zip: highest compression ratio", description = "An entry that compresses better "
            + "than this ratio is taken for a zip bomb and refused.")
    int zip_maxRatio() default Limits.DEFAULT_MAX_RATIO;

    @AttributeDefinition(name = "Name hint", description = "How instances are named in the web console.")
    String webconsole_configurationFactory_nameHint() default "OneRoster {school.id}";
}
