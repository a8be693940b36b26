package org.misbridge.store.jdbc.internal;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;
import org.misbridge.api.directory.ChangeSet;
import org.misbridge.api.directory.Changes;
import org.misbridge.api.directory.Keyed;
import org.misbridge.api.directory.MemberKind;
import org.misbridge.api.directory.RowKind;

/**
 * The change log's rows of one write, one per row key. A row that a change set removes and also
 * creates or updates counts as changed, not deleted: the write removes before it writes, so the row
 * is there afterwards.
 */
final class ChangedRows {

    /** One row's change, before the log stamps it with the write's time. */
    record Row(RowKind kind, String id, String otherId, boolean deleted, @Nullable MemberKind memberKind) {
    }

    /** A row's key in the log, without whether it was deleted. */
    private record Key(RowKind kind, String id, String otherId, @Nullable MemberKind memberKind) {
        Row as(boolean deleted) {
            return new Row(kind, id, otherId, deleted, memberKind);
        }
    }

    private final Map<List<Object>, Row> rows = new LinkedHashMap<>();

    /** Every row a change set creates, updates or removes. */
    static ChangedRows of(ChangeSet changes) {
        ChangedRows rows = new ChangedRows();
        rows.add(changes.members(), m -> new Key(RowKind.MEMBER, m.id(), "", m.kind()));
        rows.add(changes.people(), p -> new Key(RowKind.PERSON, p.id(), "", null));
        rows.add(changes.groups(), g -> new Key(RowKind.GROUP, g.id(), "", null));
        rows.add(changes.memberships(), g -> new Key(RowKind.MEMBERSHIP, g.groupId(), g.memberId(), null));
        rows.add(changes.links(), l -> new Key(RowKind.LINK, l.memberId(), l.personId(), null));
        rows.add(changes.details(), d -> new Key(RowKind.DETAILS, d.ownerId(), "", null));
        return rows;
    }

    private <T extends Keyed> void add(Changes<T> changes, Function<T, Key> key) {
        changes.removed().forEach(r -> put(key.apply(r).as(true)));
        changes.updated().forEach(r -> put(key.apply(r).as(false)));
        changes.created().forEach(r -> put(key.apply(r).as(false)));
    }

    private void put(Row row) {
        rows.put(List.of(row.kind(), row.id(), row.otherId()), row);
    }

    /** A group removed with its members (the year-end archive). */
    ChangedRows removedGroup(String groupId, Collection<String> memberIds) {
        memberIds.forEach(m -> put(new Row(RowKind.MEMBERSHIP, groupId, m, true, null)));
        put(new Row(RowKind.GROUP, groupId, "", true, null));
        return this;
    }

    /** Owners whose details changed without a detail row being written or removed (blocked or unblocked). */
    ChangedRows detailsOf(Collection<String> ownerIds) {
        ownerIds.forEach(o -> put(new Row(RowKind.DETAILS, o, "", false, null)));
        return this;
    }

    boolean isEmpty() {
        return rows.isEmpty();
    }

    List<Row> rows() {
        return new ArrayList<>(rows.values());
    }
}
