/** Failed logins and their lockouts (the ledger, the JAAS login module and the realm that puts it first), and the HttpClient log pin. */
@NullMarked
package org.misbridge.security.internal;

import org.jspecify.annotations.NullMarked;
