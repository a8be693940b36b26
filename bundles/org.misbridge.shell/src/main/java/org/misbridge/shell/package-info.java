/**
 * What every school:* console command shares, whichever bundle it lives in: the school argument and
 * its completer, --json and the one JSON writer, flags typed after the arguments, and the role check
 * on what was parsed.
 */
@Version("1.0.0")
@NullMarked
package org.misbridge.shell;

import org.jspecify.annotations.NullMarked;
import org.osgi.annotation.versioning.Version;
