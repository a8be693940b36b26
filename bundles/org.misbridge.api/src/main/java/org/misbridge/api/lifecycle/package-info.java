/**
 * What the leaver lifecycle keeps beside the directory: parents' wallets and meal bookings (the
 * payment records), deleted members waiting for anonymisation, and archived custom groups.
 */
@Version("1.0.0")
@NullMarked
package org.misbridge.api.lifecycle;

import org.jspecify.annotations.NullMarked;
import org.osgi.annotation.versioning.Version;
