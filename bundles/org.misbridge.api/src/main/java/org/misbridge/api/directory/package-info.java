/** The rows of a school's comms directory as the sync writes them and the store keeps them. */
@Version("1.9.0")
@NullMarked
package org.misbridge.api.directory;

import org.jspecify.annotations.NullMarked;
import org.osgi.annotation.versioning.Version;
