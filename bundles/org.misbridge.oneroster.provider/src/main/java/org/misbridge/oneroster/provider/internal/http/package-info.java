/**
 * The provider over HTTP: the token endpoint, the rostering endpoints with their tenancy and scope
 * rules, the per-school view cache, and the servlet and whiteboard context that carry them.
 */
@NullMarked
package org.misbridge.oneroster.provider.internal.http;

import org.jspecify.annotations.NullMarked;
