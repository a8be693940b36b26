/**
 * The OneRoster 1.2 query layer: {@code filter}, {@code sort}, {@code orderBy}, {@code fields},
 * {@code limit} and {@code offset} applied to the records of one collection described by a
 * {@link org.misbridge.oneroster.provider.internal.query.FieldSchema}, the paging headers, and the
 * {@code imsx_StatusInfo} errors the REST binding specifies. Free of HTTP and of the store.
 */
@NullMarked
package org.misbridge.oneroster.provider.internal.query;

import org.jspecify.annotations.NullMarked;
