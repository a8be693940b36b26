package org.misbridge.store.jdbc.internal;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;
import java.time.Duration;
import org.misbridge.api.AuditTrail;
import org.misbridge.api.ChangeLog;
import org.misbridge.api.ContactPreferences;
import org.misbridge.api.DeletionQueue;
import org.misbridge.api.Directory;
import org.misbridge.api.Outbox;
import org.misbridge.api.lifecycle.LeaverRecords;
import org.misbridge.api.lifecycle.Wallets;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceRegistration;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.metatype.annotations.Designate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The store on one DataSource: migrates the schema on activation, then registers each of its parts
 * as the service of its own port ({@link Directory}, {@link Outbox}, {@link ContactPreferences},
 * {@link AuditTrail}, {@link DeletionQueue}, {@link ChangeLog}, and the leaver lifecycle's {@link Wallets}
 * and {@link LeaverRecords}), and withdraws them all when the DataSource goes.
 */
@Component(
        immediate = true,
        configurationPid = "org.misbridge.store.jdbc",
        configurationPolicy = ConfigurationPolicy.OPTIONAL)
@Designate(ocd = StoreConfiguration.class)
public final class JdbcDirectoryComponent {

    private static final Logger LOG = LoggerFactory.getLogger(JdbcDirectoryComponent.class);

    private final JdbcDirectory store;
    private final List<ServiceRegistration<?>> registrations = new ArrayList<>();

    @Activate
    public JdbcDirectoryComponent(@Reference(name = "dataSource") DataSource dataSource, StoreConfiguration config,
            BundleContext context) {
        this(dataSource, config);
        registrations.add(context.registerService(Directory.class, store, null));
        registrations.add(context.registerService(Outbox.class, store.outbox(), null));
        registrations.add(context.registerService(ContactPreferences.class, store.preferences(), null));
        registrations.add(context.registerService(AuditTrail.class, store.auditTrail(), null));
        registrations.add(context.registerService(DeletionQueue.class, store.deletions(), null));
        registrations.add(context.registerService(ChangeLog.class, store.changeLog(), null));
        registrations.add(context.registerService(new String[] {Wallets.class.getName(), LeaverRecords.class.getName()},
                store.lifecycle(), null));
    }

    /** Migrates and builds the store without registering it: for tests. */
    JdbcDirectoryComponent(DataSource dataSource, StoreConfiguration config) {
        LOG.debug("directory store activating on DataSource {}", config.dataSource_target());
        this.store = new JdbcDirectory(dataSource);
        store.changeLog().retention(Duration.ofDays(config.changeLog_retentionDays()));
        int version = store.migrate();
        LOG.info("directory store ready on {} (schema version {})", productName(dataSource), version);
    }

    /** The store this component serves. */
    JdbcDirectory store() {
        return store;
    }

    @Deactivate
    void deactivate() {
        for (int i = registrations.size() - 1; i >= 0; i--) {
            try {
                registrations.get(i).unregister();
            } catch (IllegalStateException e) {
                LOG.debug("store service already unregistered", e); // the bundle is stopping
            }
        }
        registrations.clear();
    }

    private static String productName(DataSource dataSource) {
        try (Connection c = dataSource.getConnection()) {
            return c.getMetaData().getDatabaseProductName() + " " + c.getMetaData().getDatabaseProductVersion();
        } catch (SQLException e) {
            throw new DirectoryException("reading the database product name failed: " + e.getMessage(), e);
        }
    }
}
