/** The HTTP endpoints for monitoring: per-school health as JSON and metrics in the Prometheus text format, behind JAAS. */
@NullMarked
package org.misbridge.web.internal;

import org.jspecify.annotations.NullMarked;
