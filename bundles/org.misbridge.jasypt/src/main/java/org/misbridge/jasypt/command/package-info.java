/** school:encrypt, which turns a credential into the ENC(…) value a school's configuration may hold. */
@NullMarked
package org.misbridge.jasypt.command;

import org.jspecify.annotations.NullMarked;
