package org.misbridge.leavers.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/** One school's leaver lifecycle, configured by etc/org.misbridge.leavers-&lt;name&gt;.cfg. */
@ObjectClassDefinition(name = "MIS Bridge leavers",
        description = "Deletes a school's leavers through a queue, anonymises what is kept about them after the retention period, and closes their parents' wallets.")
public @interface LeaversConfiguration {

    @AttributeDefinition(name = "School id", description = "The school, as in its sync configuration.")
    String school_id();

    @AttributeDefinition(name = "Anonymise after (days)",
            description = "Days after a member's deletion when what is kept about them (payment records, audit history) is anonymised: names, emails and mobiles become XXXX. Irreversible. school:retention extends it.")
    int anonymiseAfterDays() default 14;

    @AttributeDefinition(name = "Anonymisation check (seconds)",
            description = "How often the school looks for deleted members whose retention period has passed.")
    int anonymise_checkSeconds() default 3600;

    @AttributeDefinition(name = "Deletion batch size",
            description = "Queued leavers deleted per transaction; each batch also tells the meal manager (Closed).")
    int deletion_batchSize() default 200;

    @AttributeDefinition(name = "Deletion queue delay after start (seconds)",
            description = "Deletions still queued when the school is configured (after a restart) resume after this delay, so its feeds (the meal export) have bound and hear about them.")
    int deletion_restartDelaySeconds() default 20;

    @AttributeDefinition(name = "Time zone",
            description = "The school's time zone: it decides which bookings are still outstanding and which refund dates are in the future.")
    String timezone() default "Europe/London";

    String webconsole_configurationFactory_nameHint() default "Leavers {school.id}";
}
