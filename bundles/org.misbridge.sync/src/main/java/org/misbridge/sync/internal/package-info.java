/** The comms sync engine and the per-school sync components. */
@NullMarked
package org.misbridge.sync.internal;

import org.jspecify.annotations.NullMarked;
