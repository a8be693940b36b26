/** The api bundle's own components: not exported (no version), reached only as the services they provide. */
@NullMarked
package org.misbridge.api.internal;

import org.jspecify.annotations.NullMarked;
