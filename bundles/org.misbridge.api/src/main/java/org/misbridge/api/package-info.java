/** Services that MIS Bridge bundles provide to each other and to operators' tools. */
@Version("3.7.0")
@NullMarked
package org.misbridge.api;

import org.jspecify.annotations.NullMarked;
import org.osgi.annotation.versioning.Version;
