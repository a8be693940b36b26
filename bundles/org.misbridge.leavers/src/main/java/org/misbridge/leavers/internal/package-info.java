/** The leaver lifecycle of one school: its deletion queue, anonymisation after retention, and year-end work. */
@NullMarked
package org.misbridge.leavers.internal;

import org.jspecify.annotations.NullMarked;
