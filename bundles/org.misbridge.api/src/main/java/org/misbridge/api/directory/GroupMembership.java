package org.misbridge.api.directory;

import java.util.Objects;

/** One member in one group. */
public record GroupMembership(String groupId, String memberId) implements Keyed {
    public GroupMembership {
        Objects.requireNonNull(groupId, "groupId");
        Objects.requireNonNull(memberId, "memberId");
    }

    @Override
    public String key() {
        return groupId + '\u0000' + memberId;
    }
}
