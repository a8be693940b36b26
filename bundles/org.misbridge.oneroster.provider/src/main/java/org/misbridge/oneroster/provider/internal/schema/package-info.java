/** The OneRoster 1.2 JSON representation of each rostering collection, as field schemas the query layer checks against. */
@NullMarked
package org.misbridge.oneroster.provider.internal.schema;

import org.jspecify.annotations.NullMarked;
