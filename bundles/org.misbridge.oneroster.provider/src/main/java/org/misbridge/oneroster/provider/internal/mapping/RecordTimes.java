package org.misbridge.oneroster.provider.internal.mapping;

import java.time.Instant;

/**
 * When each served record last changed, its {@code dateLastModified}: from the store's change log, or
 * one time for every record where there is none.
 */
public interface RecordTimes {

    /** A user: the latest change of the member or person with this id, their details and their links. */
    Instant user(String id);

    /** A class: the latest change of its group. */
    Instant group(String groupId);

    /** An enrolment: the latest change of its membership or its group (whose being served it follows). */
    Instant membership(String groupId, String memberId);

    /** The records made of no row (the org, the school year, the courses): when the log began. */
    Instant began();

    /** Every record at one time. */
    static RecordTimes constant(Instant at) {
        return new RecordTimes() {
            @Override
            public Instant user(String id) {
                return at;
            }

            @Override
            public Instant group(String groupId) {
                return at;
            }

            @Override
            public Instant membership(String groupId, String memberId) {
                return at;
            }

            @Override
            public Instant began() {
                return at;
            }
        };
    }
}
