package org.misbridge.api;

import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceRegistration;

/**
 * Registers a school's component as its services by hand, with {@link SchoolProperties#serviceProperties}
 * only. A component whose configuration may name or hold a credential (a reader, the meal export,
 * the OneRoster provider) uses it instead of letting Declarative Services publish that configuration
 * in the service registry; and since it registers only once it is activated, a configuration it
 * refuses is never registered at all.
 */
public final class SchoolServices {

    private SchoolServices() {
    }

    /** Registers {@code service} under each of {@code interfaces} for the school; close the result to unregister. */
    public static Registration register(BundleContext context, String schoolId, Object service, Class<?>... interfaces) {
        String[] names = new String[interfaces.length];
        for (int i = 0; i < interfaces.length; i++) {
            if (!interfaces[i].isInstance(service)) {
                throw new IllegalArgumentException(service.getClass().getName() + " is not a " + interfaces[i].getName());
            }
            names[i] = interfaces[i].getName();
        }
        return new Registration(context.registerService(names, service, SchoolProperties.serviceProperties(schoolId)));
    }

    /** A school's registration; closing it twice, or after its bundle stopped, does nothing. */
    public static final class Registration implements AutoCloseable {

        private final ServiceRegistration<?> registration;

        private Registration(ServiceRegistration<?> registration) {
            this.registration = registration;
        }

        @Override
        public void close() {
            try {
                registration.unregister();
            } catch (IllegalStateException alreadyGone) {
                // unregistered already, or the bundle is stopping
            }
        }
    }
}
