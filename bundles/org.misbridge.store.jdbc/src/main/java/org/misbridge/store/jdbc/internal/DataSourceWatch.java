package org.misbridge.store.jdbc.internal;

import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.jspecify.annotations.Nullable;
import org.osgi.framework.BundleContext;
import org.osgi.framework.Filter;
import org.osgi.framework.FrameworkUtil;
import org.osgi.framework.InvalidSyntaxException;
import org.osgi.framework.ServiceReference;
import org.osgi.util.tracker.ServiceTracker;
import org.osgi.util.tracker.ServiceTrackerCustomizer;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Says what to configure when the directory has no database: the store (and with it the sync and every
 * school:* command) waits silently for its DataSource, so when none has been registered for a while, at
 * start or after it went away, a warning names the filter, the file and the features it needs.
 */
@Component(immediate = true, configurationPid = "org.misbridge.store.jdbc")
public final class DataSourceWatch {

    private static final Logger LOG = LoggerFactory.getLogger(DataSourceWatch.class);

    private final String target;
    private final int warnAfterSeconds;
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(
            r -> new Thread(r, "misbridge-datasource-watch"));
    private final ServiceTracker<DataSource, DataSource> tracker;
    private @Nullable ScheduledFuture<?> pending;

    @Activate
    public DataSourceWatch(BundleContext context, StoreConfiguration config) throws InvalidSyntaxException {
        this.target = config.dataSource_target();
        this.warnAfterSeconds = Math.max(1, config.dataSource_warnAfterSeconds());
        Filter filter = FrameworkUtil.createFilter("(&(objectClass=" + DataSource.class.getName() + ")" + target + ")");
        this.tracker = new ServiceTracker<>(context, filter, new ServiceTrackerCustomizer<DataSource, DataSource>() {
            @Override
            public DataSource addingService(ServiceReference<DataSource> reference) {
                arrived();
                return context.getService(reference);
            }

            @Override
            public void modifiedService(ServiceReference<DataSource> reference, DataSource service) {
            }

            @Override
            public void removedService(ServiceReference<DataSource> reference, DataSource service) {
                context.ungetService(reference);
                gone();
            }
        });
        tracker.open();
        if (tracker.isEmpty()) {
            gone();
        }
    }

    private synchronized void arrived() {
        if (pending != null) {
            pending.cancel(false);
            pending = null;
        }
    }

    private synchronized void gone() {
        if (pending == null || pending.isDone()) {
            pending = timer.schedule(this::warnIfStillMissing, warnAfterSeconds, TimeUnit.SECONDS);
        }
    }

    private void warnIfStillMissing() {
        // the tracker's count: the DataSource being removed is no longer counted
        if (tracker.size() == 0) {
            LOG.warn("The school directory has no database: no DataSource {} has been registered for {} s, so the"
                    + " directory store, the school syncs and the school:* commands wait for it. Configure it in"
                    + " etc/org.ops4j.datasource-misbridge.cfg (feature:install misbridge-core writes the embedded H2"
                    + " one when that file is missing; for PostgreSQL see docs/operations.md, \"The directory's database\"), and check"
                    + " that the features pax-jdbc-config and pax-jdbc-h2 or pax-jdbc-postgresql are installed; if"
                    + " pax-jdbc-config could not create it (a database that refused the connection, say), its error is"
                    + " logged above.", target, warnAfterSeconds);
        }
    }

    @Deactivate
    void deactivate() {
        tracker.close();
        timer.shutdownNow();
    }
}
