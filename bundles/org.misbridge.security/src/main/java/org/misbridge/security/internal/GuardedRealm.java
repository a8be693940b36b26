package org.misbridge.security.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import javax.security.auth.login.AppConfigurationEntry;
import javax.security.auth.login.AppConfigurationEntry.LoginModuleControlFlag;
import org.apache.karaf.jaas.boot.ProxyLoginModule;
import org.apache.karaf.jaas.config.JaasRealm;
import org.jspecify.annotations.Nullable;
import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;

/**
 * The karaf realm with {@link LoginGuardModule} in front: registered under the same name with the
 * highest rank (Karaf's JAAS configuration takes the highest-ranked realm of a name), its entries
 * are the guard and then every entry of the highest-ranked other realm of that name, Karaf's own
 * properties and public-key modules or an LDAP realm an operator put in their place. SSH, JMX and
 * the /misbridge endpoints all log in through it.
 */
@Component(service = JaasRealm.class, property = GuardedRealm.MARK + "=true")
public final class GuardedRealm implements JaasRealm {

    /** The service property that tells this realm from the ones it guards. */
    static final String MARK = "misbridge.login.guard";

    private final LoginGuard guard;
    private final String bundleId;
    private final List<JaasRealm> realms = new CopyOnWriteArrayList<>();

    @Activate
    public GuardedRealm(@Reference LoginGuard guard, BundleContext context) {
        this.guard = guard;
        this.bundleId = Long.toString(context.getBundle().getBundleId());
    }

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC, target = "(!(" + MARK + "=true))")
    void addRealm(JaasRealm realm) {
        realms.add(realm);
    }

    void removeRealm(JaasRealm realm) {
        realms.remove(realm);
    }

    @Override
    public String getName() {
        return guard.realm();
    }

    @Override
    public int getRank() {
        return Integer.MAX_VALUE;
    }

    @Override
    public AppConfigurationEntry[] getEntries() {
        List<AppConfigurationEntry> entries = new ArrayList<>();
        entries.add(new AppConfigurationEntry(ProxyLoginModule.class.getName(), LoginModuleControlFlag.REQUISITE, Map.of(
                ProxyLoginModule.PROPERTY_MODULE, LoginGuardModule.class.getName(),
                ProxyLoginModule.PROPERTY_BUNDLE, bundleId,
                LoginGuardModule.GUARD, guard)));
        // with nothing behind the guard, every login fails: JAAS refuses a login all of whose modules stand aside
        JaasRealm guarded = guarded();
        if (guarded != null) {
            entries.addAll(List.of(guarded.getEntries()));
        }
        return entries.toArray(new AppConfigurationEntry[0]);
    }

    private @Nullable JaasRealm guarded() {
        JaasRealm best = null;
        for (JaasRealm r : realms) {
            if (guard.realm().equals(r.getName()) && (best == null || r.getRank() > best.getRank())) {
                best = r;
            }
        }
        return best;
    }
}
