/** The per-school sync runtime: the components, the runner, their configuration and the school:* services; the rules it applies are in sync.plan. */
@NullMarked
package org.misbridge.sync.internal;

import org.jspecify.annotations.NullMarked;
