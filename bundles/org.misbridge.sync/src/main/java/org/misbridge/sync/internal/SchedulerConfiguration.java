package org.misbridge.sync.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/** etc/org.misbridge.sync.scheduler.cfg: the host's one scheduler for every school's syncs. */
@ObjectClassDefinition(name = "MIS Bridge sync scheduler",
        description = "Runs each school's syncs at the times in its sync configuration (schedule=), in the school's time zone.")
public @interface SchedulerConfiguration {

    @AttributeDefinition(description = "Syncs of different schools that may run at once; the rest wait their turn.")
    int threads() default 4;

    @AttributeDefinition(description = "How late (minutes) a waiting sync may still start; later ones are run once at the next chance.")
    int misfireMinutes() default 120;

    @AttributeDefinition(description = "How long (minutes) after a scheduled time a school without a good read since counts as stale in school:health.")
    int staleAfterMinutes() default 60;
}
