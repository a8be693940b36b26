/** What an MIS reader delivers: an immutable snapshot of one school, free of OSGi types. */
@Version("1.3.0")
@NullMarked
package org.misbridge.api.model;

import org.jspecify.annotations.NullMarked;
import org.osgi.annotation.versioning.Version;
