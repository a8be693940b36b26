package org.misbridge.store.jdbc.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/** Configuration of the JDBC directory store: which DataSource it lives in. */
@ObjectClassDefinition(
        name = "MIS Bridge directory store (JDBC)",
        description = "Where the school directory is kept")
public @interface StoreConfiguration {

    @AttributeDefinition(
            name = "DataSource",
            description = "Filter selecting the DataSource the directory lives in, as registered by pax-jdbc-config"
                    + " from etc/org.ops4j.datasource-misbridge.cfg")
    String dataSource_target() default "(dataSourceName=misbridge)";

    @AttributeDefinition(
            name = "Warn after (seconds)",
            description = "How long the store may wait for its DataSource, at start or after it went away, before a"
                    + " warning says what to configure")
    int dataSource_warnAfterSeconds() default 30;

    @AttributeDefinition(
            name = "Change log retention (days)",
            description = "How long the change log keeps a deleted row (at least 1 day): a OneRoster consumer's"
                    + " delta (dateLastModified>T) from further back is refused, and it reads everything again")
    int changeLog_retentionDays() default 30;
}
