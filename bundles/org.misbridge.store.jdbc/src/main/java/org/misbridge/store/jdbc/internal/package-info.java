/** The JDBC implementation of the school directory, its migrations and its DS component. */
@NullMarked
package org.misbridge.store.jdbc.internal;

import org.jspecify.annotations.NullMarked;
