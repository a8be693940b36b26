/**
 * The HTTP client that MIS readers share, so that every REST reader times out, retries, backs
 * off, honours {@code Retry-After}, caps responses and handles tokens the same way.
 */
@Version("1.2.0")
@NullMarked
package org.misbridge.mis.http;

import org.jspecify.annotations.NullMarked;
import org.osgi.annotation.versioning.Version;
