/** Reads a school's pupils and contacts from a DfE Common Transfer File (CTF) or Admissions Transfer File (ATF); not exported. */
@NullMarked
package org.misbridge.mis.ctf.internal;

import org.jspecify.annotations.NullMarked;
