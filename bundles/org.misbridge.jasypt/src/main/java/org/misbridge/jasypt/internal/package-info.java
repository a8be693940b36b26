/** The configured Jasypt encryptor and the bridge that offers Jasypt encryptors to MIS Bridge as decryptors. */
@NullMarked
package org.misbridge.jasypt.internal;

import org.jspecify.annotations.NullMarked;
