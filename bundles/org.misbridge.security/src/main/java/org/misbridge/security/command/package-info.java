/** school:logins and school:unlock, an admin's view of failed logins and lockouts. */
@NullMarked
package org.misbridge.security.command;

import org.jspecify.annotations.NullMarked;
