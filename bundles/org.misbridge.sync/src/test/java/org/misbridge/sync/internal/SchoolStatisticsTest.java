package org.misbridge.sync.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.misbridge.api.directory.ContactDetail;
import org.misbridge.api.directory.DataIssue;
import org.misbridge.api.directory.DetailKind;
import org.misbridge.api.directory.DirectoryState;
import org.misbridge.api.directory.Link;
import org.misbridge.api.directory.Member;
import org.misbridge.api.directory.MemberKind;
import org.misbridge.api.directory.Origin;
import org.misbridge.api.model.EnrolmentState;
import org.misbridge.api.model.ParentalResponsibility;

class SchoolStatisticsTest {

    private static Member student(String id, EnrolmentState state) {
        return new Member(id, MemberKind.STUDENT, "G", "F", "7", "7A", state, null, null, null, Origin.IMPORT);
    }

    private static Link link(String student, String person, boolean prime) {
        return new Link(student, person, prime ? 1 : 2, prime, "parent", ParentalResponsibility.UNKNOWN, Origin.IMPORT);
    }

    private static ContactDetail detail(String owner, DetailKind kind, String value, boolean blocked) {
        return new ContactDetail(owner, kind, value, blocked, Origin.IMPORT);
    }

    @Test
    void studentsCountAsReachableOnlyThroughAPrimeParentWithAnUnblockedDetail() {
        DirectoryState state = new DirectoryState("s",
                List.of(student("a", EnrolmentState.ON_ROLL), student("b", EnrolmentState.ON_ROLL),
                        student("c", EnrolmentState.ON_ROLL), student("left", EnrolmentState.LEAVER)),
                List.of(),
                List.of(link("a", "pa", true), link("b", "pb", true), link("c", "nonprime", false), link("left", "pa", true)),
                List.of(detail("pa", DetailKind.EMAIL, "pa@example.org", false),
                        detail("pa", DetailKind.MOBILE, "07700900001", false),
                        detail("pb", DetailKind.EMAIL, "pb@example.org", true),
                        detail("nonprime", DetailKind.EMAIL, "np@example.org", false)),
                List.of(), List.of(),
                List.of(new DataIssue("invalid-email", "a", "pa", "email", "x"),
                        new DataIssue("invalid-email", "b", "pb", "email", "y"),
                        new DataIssue("blocked-detail", null, "pb", "email", "z")));

        SchoolStatistics stats = SchoolStatistics.of(state);

        assertThat(stats.studentsOnRoll()).isEqualTo(3);
        assertThat(stats.reachableByEmail()).isEqualTo(1);
        assertThat(stats.reachableByMobile()).isEqualTo(1);
        assertThat(stats.blockedDetails()).isEqualTo(1);
        assertThat(stats.dataIssuesByKind()).isEqualTo(Map.of("invalid-email", 2L, "blocked-detail", 1L));
    }
}
