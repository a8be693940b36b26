/**
 * What the leaver lifecycle keeps beside the directory: parents' wallets and meal bookings (the
 * payment records), deleted members waiting for anonymisation, and archived custom groups; and
 * {@link org.misbridge.api.lifecycle.LeaverLifecycle}, the rules of the lifecycle for any caller.
 */
@Version("1.1.0")
@NullMarked
package org.misbridge.api.lifecycle;

import org.jspecify.annotations.NullMarked;
import org.osgi.annotation.versioning.Version;
