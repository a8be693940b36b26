package org.misbridge.mis.wonde.internal;

import java.util.HashMap;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.misbridge.api.model.Contact;
import org.misbridge.api.model.Staff;

/**
 * What a delta changed in a school's records, by id: each record added, replaced by a different one
 * or removed, with what was held before the delta (null for one it added). Only the first change
 * of an id is kept, so a record removed and put back still shows what the last snapshot held.
 */
final class RecordChanges {

    final Map<String, @Nullable StudentEntry> students = new HashMap<>();
    final Map<String, @Nullable Contact> contacts = new HashMap<>();
    final Map<String, @Nullable Staff> staff = new HashMap<>();
    final Map<String, @Nullable GroupEntry> groups = new HashMap<>();

    /** Notes that {@code id} changed from {@code before} unless a change of it is noted already. */
    static <T> void first(Map<String, @Nullable T> changes, String id, @Nullable T before) {
        if (!changes.containsKey(id)) { // putIfAbsent would take a noted "absent before" (null) for no note
            changes.put(id, before);
        }
    }

    boolean none() {
        return students.isEmpty() && contacts.isEmpty() && staff.isEmpty() && groups.isEmpty();
    }
}
