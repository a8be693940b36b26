/** Reads a school's roll from OneRoster 1.1 bulk CSV files, in a folder or a zip; not exported. */
@NullMarked
package org.misbridge.mis.oneroster.internal;

import org.jspecify.annotations.NullMarked;
