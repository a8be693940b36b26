package org.misbridge.sync.internal;

import org.misbridge.scheduler.SyncSchedule;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/** One school's comms sync, configured by etc/org.misbridge.sync-&lt;name&gt;.cfg. */
@ObjectClassDefinition(name = "MIS Bridge school sync",
        description = "Imports one school's MIS snapshot into its comms directory under the school's import settings.")
public @interface SyncConfiguration {

    @AttributeDefinition(name = "School id",
            description = "The school's id: lower-case letters, digits, '.', '-' or '_'. Every row of the school is keyed by it.")
    String school_id();

    @AttributeDefinition(name = "School name", description = "The school's display name.")
    String school_name();

    @AttributeDefinition(name = "MIS reader",
            description = "LDAP filter selecting this school's MIS reader, e.g. (school.id=greenfield). The reader must serve the same school id.")
    String reader_target();

    @AttributeDefinition(name = "Time zone",
            description = "The school's time zone: it decides when a leaving or admission date has passed.")
    String timezone() default "Europe/London";

    @AttributeDefinition(name = "Schedule",
            description = "When to sync, in the school's time zone: times of day (24-hour HH:mm, comma-separated, e.g. 06:00,11:00),"
                    + " 'every N minutes' (N dividing 60), 'every N hours' (N dividing 24), or 'cron: <Quartz cron expression>'"
                    + " (e.g. cron: 0 30 7 ? * MON-FRI). Empty: on demand only (school:sync).")
    String schedule() default SyncSchedule.DEFAULT;

    @AttributeDefinition(name = "Import pre-admissions",
            description = "Import applicants (Applied, Offered, Accepted, Reserved, Admitted) whose admission date is in the future.")
    boolean import_preAdmissions() default false;

    @AttributeDefinition(name = "Active groups only", description = "Import only groups the MIS marks active.")
    boolean groups_activeOnly() default false;

    @AttributeDefinition(name = "Prime priorities",
            description = "Contact priorities that become prime parents (1 = first contact), comma-separated, e.g. 1,2.")
    String[] contacts_primePriorities() default {"1"};

    @AttributeDefinition(name = "Lowest priority imported",
            description = "Contacts down to this priority are imported; those that are not prime become non-prime.")
    int contacts_maxPriority() default 1;

    @AttributeDefinition(name = "Require parental responsibility",
            description = "Import only contacts with parental responsibility.")
    boolean contacts_requireParentalResponsibility() default false;

    @AttributeDefinition(name = "Unknown responsibility counts",
            description = "When responsibility is required, whether a contact whose responsibility the MIS does not state (OneRoster) counts.")
    boolean contacts_unknownResponsibilityCounts() default true;

    @AttributeDefinition(name = "Import emails", description = "Import email addresses located Home or Work.")
    boolean contacts_importEmails() default true;

    @AttributeDefinition(name = "Import mobiles", description = "Import telephones of type Mobile.")
    boolean contacts_importMobiles() default true;

    @AttributeDefinition(name = "Deletion threshold: share",
            description = "Refuse a sync that would remove (or mark as leavers) more than this percentage of students, staff, contacts or groups.")
    int threshold_removePercent() default 10;

    @AttributeDefinition(name = "Deletion threshold: count",
            description = "Refuse a sync that would remove (or mark as leavers) more than this many of any kind, whatever the share.")
    int threshold_removeCount() default 500;

    @AttributeDefinition(name = "Update threshold: share",
            description = "Refuse a sync that would update more than this percentage of any kind.")
    int threshold_updatePercent() default 75;

    @AttributeDefinition(name = "Threshold floor",
            description = "Up to this many records of a kind may change whatever the share, as long as they are a quarter of"
                    + " the kind or less, so one leaver in a tiny school passes but half a roll never does.")
    int threshold_minimumChanges() default 5;

    @AttributeDefinition(name = "Paused",
            description = "Parts of this school's sync that are paused, comma-separated: all, contacts, groups or meals. Set by school:pause and school:resume.")
    String[] pause() default {};

    @AttributeDefinition(name = "Sync on start",
            description = "Sync once when the school is configured and has never been synced (useful for a new school or a demo).")
    boolean sync_onStart() default false;

    @AttributeDefinition(name = "Notify new or changed details",
            description = "Announce each new or changed imported email or mobile through the notifiers (a text or email each). Off by default.")
    boolean notify_newOrChangedDetails() default false;

    @AttributeDefinition(name = "Notify on the first import",
            description = "Also announce details on the school's first import, which would notify every contact. Off by default; leave off unless the school asked.")
    boolean notify_onFirstImport() default false;

    String webconsole_configurationFactory_nameHint() default "Sync {school.id}";
}
