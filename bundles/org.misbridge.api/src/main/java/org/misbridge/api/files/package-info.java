/**
 * Files MIS Bridge writes for people and other systems (reports, exports, meal-manager drops): plain
 * names in a configured folder, written whole through an unpredictable temp file that is never a
 * link, and CSV cells that a spreadsheet reads as text, never as a formula.
 */
@Version("1.0.0")
@NullMarked
package org.misbridge.api.files;

import org.jspecify.annotations.NullMarked;
import org.osgi.annotation.versioning.Version;
