package org.misbridge.scheduler.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/** etc/org.misbridge.sync.scheduler.cfg: the host's one scheduler for every school's syncs. */
@ObjectClassDefinition(name = "MIS Bridge sync scheduler",
        description = "Runs each school's syncs at the times in its sync configuration (schedule=), in the school's time zone;"
                + " alone (memory) or sharing the work with other hosts through the directory's PostgreSQL database (clustered).")
public @interface SchedulerConfiguration {

    @AttributeDefinition(description = "Syncs of different schools that may run at once on this host; the rest wait their turn.")
    int threads() default 4;

    @AttributeDefinition(description = "How late (minutes) a waiting sync may still start; later ones are run once at the next chance.")
    int misfireMinutes() default 120;

    @AttributeDefinition(description = "How long (minutes) after a scheduled time a school without a good read since counts as stale in school:health.")
    int staleAfterMinutes() default 60;

    @AttributeDefinition(name = "Job store",
            description = "memory: this host alone runs its schools' schedules (one host). clustered: the schedules live in the"
                    + " directory's PostgreSQL database, every host with the same etc/ shares them, each firing runs on exactly"
                    + " one host, and a dead host's schools move to the others.")
    String jobStore() default SyncScheduler.MEMORY;

    @AttributeDefinition(name = "Node id",
            description = "This host's name in the cluster, unique per host; recorded with every sync it runs. Empty: the machine's host name.")
    String nodeId() default "";

    @AttributeDefinition(name = "Cluster check-in (seconds)",
            description = "How often a clustered host tells the others it is alive. A host silent for this long plus 7.5 s is taken"
                    + " for dead, and its schools (and any sync it was running) move to the others.")
    int clusterCheckinSeconds() default 10;

    @AttributeDefinition(name = "DataSource",
            description = "Filter selecting the DataSource a clustered scheduler keeps its schedules in: the directory's own"
                    + " (the same as dataSource.target in etc/org.misbridge.store.jdbc.cfg, if set there).")
    String dataSource_target() default "(dataSourceName=misbridge)";
}
