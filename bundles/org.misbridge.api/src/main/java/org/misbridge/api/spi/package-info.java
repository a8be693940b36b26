/** Interfaces that connectors implement, such as MIS readers. */
@Version("1.5.0")
@NullMarked
package org.misbridge.api.spi;

import org.jspecify.annotations.NullMarked;
import org.osgi.annotation.versioning.Version;
