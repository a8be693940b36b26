/**
 * The import rules as pure functions: a snapshot, the directory as stored and the school's settings
 * in, a change set out (SyncPlanner), with the deletion threshold, hand edits kept, contact-detail
 * rules and the texts they write. No OSGi, no store, no IO: every rule is tested without a database.
 */
@NullMarked
package org.misbridge.sync.plan;

import org.jspecify.annotations.NullMarked;
