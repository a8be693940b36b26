/** Reads one school from the Wonde REST API into a snapshot, through the shared MIS HTTP client; not exported. */
@NullMarked
package org.misbridge.mis.wonde.internal;

import org.jspecify.annotations.NullMarked;
