/** The provider's clients, their hashed secrets, OAuth 2.0 bearer tokens, the lockout and the rate limit. */
@NullMarked
package org.misbridge.oneroster.provider.internal.auth;

import org.jspecify.annotations.NullMarked;
