/**
 * The bulk CSV export: a school's directory as a OneRoster 1.2 bulk CSV set in a zip, from the same
 * mapping the REST endpoints serve, written only into the host's export folder.
 */
@NullMarked
package org.misbridge.oneroster.provider.internal.export;

import org.jspecify.annotations.NullMarked;
