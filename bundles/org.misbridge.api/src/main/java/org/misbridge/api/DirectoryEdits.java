package org.misbridge.api;

import java.util.List;
import org.jspecify.annotations.Nullable;
import org.misbridge.api.directory.MemberKind;
import org.misbridge.api.directory.Origin;
import org.osgi.annotation.versioning.ProviderType;

/**
 * Changes that people make to a school's directory: members who are not in the MIS, adults linked
 * by hand or by web registration, their details, and custom groups. Import never changes or
 * removes what is made here; and nothing here changes what import made.
 *
 * <p>Every method takes the id of a configured school, runs while no sync of that school runs, and
 * either applies its whole change or throws {@link IllegalArgumentException} saying why.
 */
@ProviderType
public interface DirectoryEdits {

    /** Adds a member who is not in the MIS (a coach, a governor). */
    void addMember(String schoolId, String memberId, MemberKind kind, String givenName, String familyName);

    /** Removes a hand-added member with their hand-made links and memberships; imported members cannot be removed. */
    void removeMember(String schoolId, String memberId);

    /**
     * At most this many adults are linked to one student, whoever links them (DOMAIN rule 7): the
     * import fills what hand and web links leave, a hand link past it is refused, and a merge of
     * two records that would pass it is refused. The one place the number is written.
     */
    int MAX_ADULTS_PER_STUDENT = 4;

    /**
     * Links an adult to a member, creating the adult if new, with an email and mobile where given.
     * A student has at most {@link #MAX_ADULTS_PER_STUDENT} linked adults.
     *
     * @param origin {@link Origin#MANUAL} for the console, {@link Origin#WEB} for web registration
     */
    void link(String schoolId, String memberId, Adult adult, int priority, boolean prime, Origin origin);

    /** Removes a link made by hand or on the web (and the adult, once linked to no one). */
    void unlink(String schoolId, String memberId, String personId);

    /** Creates a custom group. */
    void createGroup(String schoolId, String groupId, String name);

    void renameGroup(String schoolId, String groupId, String name);

    /** Deletes a custom group and its memberships; imported groups cannot be deleted. */
    void deleteGroup(String schoolId, String groupId);

    /** Adds members to a custom group (those already in it are left as they are). */
    void addToGroup(String schoolId, String groupId, List<String> memberIds);

    void removeFromGroup(String schoolId, String groupId, List<String> memberIds);

    /** An adult as a person types them in. */
    record Adult(String personId, String givenName, String familyName, @Nullable String relationship,
            @Nullable String email, @Nullable String mobile) {
    }
}
