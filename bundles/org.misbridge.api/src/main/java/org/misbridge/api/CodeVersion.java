package org.misbridge.api;

import java.security.CodeSource;
import org.osgi.framework.Bundle;
import org.osgi.framework.FrameworkUtil;

/**
 * Which build of some code is running, for a fingerprint that must change when the rules that made
 * a result could have: in a framework, the bundle's symbolic name and version (each build of ours
 * has its own qualifier); outside one (tests, benchmarks), where the classes were loaded from.
 */
public final class CodeVersion {

    private CodeVersion() {
    }

    /** The build of the code {@code type} belongs to. */
    public static String of(Class<?> type) {
        try {
            Bundle bundle = FrameworkUtil.getBundle(type);
            if (bundle != null) {
                return bundle.getSymbolicName() + ";" + bundle.getVersion();
            }
        } catch (NoClassDefFoundError noFramework) {
            // no OSGi framework API on the class path at all (a test or a tool outside one)
        }
        CodeSource source = type.getProtectionDomain().getCodeSource();
        return "unbundled;" + (source == null || source.getLocation() == null ? type.getName() : source.getLocation());
    }
}
