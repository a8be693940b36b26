/** The school:* console commands of the leaver lifecycle: leavers, deletion, anonymisation, wallets, year end. */
@NullMarked
package org.misbridge.leavers.command;

import org.jspecify.annotations.NullMarked;
