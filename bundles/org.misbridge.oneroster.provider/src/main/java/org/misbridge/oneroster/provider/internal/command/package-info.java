/** The school:oneroster-clients console command. */
package org.misbridge.oneroster.provider.internal.command;
