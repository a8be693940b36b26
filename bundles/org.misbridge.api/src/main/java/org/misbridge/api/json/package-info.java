/** JSON that MIS Bridge writes for people and scripts (--json, /misbridge/health): one set of escapes for all. */
@Version("1.0.0")
@NullMarked
package org.misbridge.api.json;

import org.jspecify.annotations.NullMarked;
import org.osgi.annotation.versioning.Version;
