/**
 * The provider's entries in a school's audit trail: what it did for a person or a client that
 * {@code school:audit} and the {@code org.misbridge.audit} log must show.
 */
@NullMarked
package org.misbridge.oneroster.provider.internal.audit;

import org.jspecify.annotations.NullMarked;
