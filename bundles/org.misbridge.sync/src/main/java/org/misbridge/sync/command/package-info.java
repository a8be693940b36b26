/** The school:* console commands. */
@NullMarked
package org.misbridge.sync.command;

import org.jspecify.annotations.NullMarked;
