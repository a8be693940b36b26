package org.misbridge.sync.internal;

import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.misbridge.api.directory.ContactDetail;
import org.misbridge.api.directory.DataIssue;
import org.misbridge.api.directory.DetailKind;
import org.misbridge.api.directory.DirectoryState;
import org.misbridge.api.directory.Link;
import org.misbridge.api.directory.Member;
import org.misbridge.api.directory.MemberKind;
import org.misbridge.api.model.EnrolmentState;

/**
 * The management dashboard's figures (DOMAIN.md rule 15): how many students on roll a school can
 * reach through a prime parent, by email and by mobile, and what stands in the way.
 *
 * @param studentsOnRoll students on roll
 * @param reachableByEmail students on roll with a prime parent who has an unblocked email
 * @param reachableByMobile students on roll with a prime parent who has an unblocked mobile
 * @param blockedDetails blocked emails and mobiles
 * @param dataIssuesByKind data issues counted by kind
 */
public record SchoolStatistics(long studentsOnRoll, long reachableByEmail, long reachableByMobile, long blockedDetails,
        Map<String, Long> dataIssuesByKind) {

    public static SchoolStatistics of(DirectoryState state) {
        Set<String> emailOwners = new HashSet<>();
        Set<String> mobileOwners = new HashSet<>();
        long blocked = 0;
        for (ContactDetail d : state.details()) {
            if (d.blocked()) {
                blocked++;
            } else {
                (d.kind() == DetailKind.EMAIL ? emailOwners : mobileOwners).add(d.ownerId());
            }
        }
        Set<String> onRoll = new HashSet<>();
        for (Member m : state.members()) {
            if (m.kind() == MemberKind.STUDENT && m.state() == EnrolmentState.ON_ROLL) {
                onRoll.add(m.id());
            }
        }
        Set<String> byEmail = new HashSet<>();
        Set<String> byMobile = new HashSet<>();
        for (Link l : state.links()) {
            if (l.prime() && onRoll.contains(l.memberId())) {
                if (emailOwners.contains(l.personId())) {
                    byEmail.add(l.memberId());
                }
                if (mobileOwners.contains(l.personId())) {
                    byMobile.add(l.memberId());
                }
            }
        }
        Map<String, Long> issues = new TreeMap<>();
        for (DataIssue i : state.dataIssues()) {
            issues.merge(i.kind(), 1L, Long::sum);
        }
        return new SchoolStatistics(onRoll.size(), byEmail.size(), byMobile.size(), blocked, issues);
    }
}
