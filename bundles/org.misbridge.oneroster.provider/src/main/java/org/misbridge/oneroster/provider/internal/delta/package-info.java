/**
 * Deltas: each record's own {@code dateLastModified} from the store's change log, and what a request
 * for the changes since a time looks at (the records changed since, and tombstones of those gone).
 */
@NullMarked
package org.misbridge.oneroster.provider.internal.delta;

import org.jspecify.annotations.NullMarked;
