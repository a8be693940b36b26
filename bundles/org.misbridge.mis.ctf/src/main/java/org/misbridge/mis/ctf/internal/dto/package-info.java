/** What the CTF reader keeps of a CTF or ATF file once it is parsed and checked, before it becomes a snapshot; not exported. */
@NullMarked
package org.misbridge.mis.ctf.internal.dto;

import org.jspecify.annotations.NullMarked;
