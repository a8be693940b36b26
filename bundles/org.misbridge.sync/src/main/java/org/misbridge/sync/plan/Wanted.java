package org.misbridge.sync.plan;

import java.util.List;
import java.util.Map;
import org.misbridge.api.directory.ContactDetail;
import org.misbridge.api.directory.DataIssue;
import org.misbridge.api.directory.DirectoryGroup;
import org.misbridge.api.directory.GroupMembership;
import org.misbridge.api.directory.Link;
import org.misbridge.api.directory.LinkedPerson;
import org.misbridge.api.directory.Member;

/**
 * The rows a snapshot makes under a school's settings, before the diff: what {@link SyncPlanner#want}
 * builds and {@link SyncPlanner#diff} uses up (the collections are the planner's own, not copies).
 *
 * @param issues the data issues about members and groups
 * @param contactIssues the data issues the contacts part raised
 */
public record Wanted(
        boolean wholeRoll,
        Map<String, Member> members,
        Map<String, DirectoryGroup> groups,
        List<GroupMembership> memberships,
        Map<String, LinkedPerson> people,
        List<Link> links,
        List<ContactDetail> details,
        List<DataIssue> issues,
        List<DataIssue> contactIssues) {
}
