/**
 * The school's directory (the api's rows: members, linked people, links, details, groups,
 * memberships) as OneRoster 1.2 JSON records, one list per collection. Written against the api's
 * types only, so it does not depend on how the directory port is cut.
 */
@NullMarked
package org.misbridge.oneroster.provider.internal.mapping;

import org.jspecify.annotations.NullMarked;
