package org.misbridge.oneroster.provider.internal.http;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import org.misbridge.api.directory.ContactDetail;
import org.misbridge.api.directory.DetailKind;
import org.misbridge.api.directory.DirectoryGroup;
import org.misbridge.api.directory.DirectoryState;
import org.misbridge.api.directory.GroupMembership;
import org.misbridge.api.directory.Link;
import org.misbridge.api.directory.LinkedPerson;
import org.misbridge.api.directory.Member;
import org.misbridge.api.directory.MemberKind;
import org.misbridge.api.directory.Origin;
import org.misbridge.api.model.EnrolmentState;
import org.misbridge.api.model.GroupKind;
import org.misbridge.api.model.ParentalResponsibility;
import org.misbridge.api.model.School;

/**
 * Two small schools as the directory holds them. Hill: students H-S1 to H-S3, teachers H-T1 (maths
 * and 7A) and H-T2 (art), a mother H-P1 of H-S1, classes MATH (H-S1, H-S2, H-T1), ART (H-S3, H-T2),
 * registration group 7A (H-S1..3, H-T1) and an inactive CLUB (H-S1, H-T1). Vale: student V-S1,
 * teacher V-T1, class V-MATH.
 */
final class TwoSchools implements SchoolSource {
    static final Instant SYNCED = Instant.parse("2026-12-03T09:00:00Z");
    static final String T1_EMAIL = "t.one@hill.example";

    private static Member student(String id, String given, String family) {
        return new Member(id, MemberKind.STUDENT, given, family, "7", "7A", EnrolmentState.ON_ROLL, null,
                LocalDate.parse("2024-09-01"), null, Origin.IMPORT);
    }

    private static Member teacher(String id, String given, String family) {
        return new Member(id, MemberKind.STAFF, given, family, null, null, EnrolmentState.ON_ROLL, null, null, null,
                Origin.IMPORT);
    }

    private static final DirectoryState HILL = new DirectoryState("hill",
            List.of(student("H-S1", "Ada", "Lovelace"), student("H-S2", "Bo", "Byron"), student("H-S3", "Cy", "Cole"),
                    teacher("H-T1", "Tom", "One"), teacher("H-T2", "Tia", "Two")),
            List.of(new LinkedPerson("H-P1", "Pat", "Lovelace", Origin.IMPORT)),
            List.of(new Link("H-S1", "H-P1", 1, true, "Mother", ParentalResponsibility.YES, Origin.IMPORT)),
            List.of(new ContactDetail("H-T1", DetailKind.EMAIL, T1_EMAIL, false, Origin.IMPORT),
                    new ContactDetail("H-T2", DetailKind.EMAIL, "t.two@hill.example", false, Origin.IMPORT),
                    new ContactDetail("H-P1", DetailKind.EMAIL, "pat@home.example", false, Origin.IMPORT),
                    new ContactDetail("H-P1", DetailKind.MOBILE, "07700900123", false, Origin.IMPORT)),
            List.of(new DirectoryGroup("MATH", "Maths", GroupKind.CLASS, true, Origin.IMPORT),
                    new DirectoryGroup("ART", "Art", GroupKind.CLASS, true, Origin.IMPORT),
                    new DirectoryGroup("7A", "7A", GroupKind.REGISTRATION, true, Origin.IMPORT),
                    new DirectoryGroup("CLUB", "Chess club", GroupKind.OTHER, false, Origin.IMPORT)),
            List.of(new GroupMembership("MATH", "H-S1"), new GroupMembership("MATH", "H-S2"),
                    new GroupMembership("MATH", "H-T1"), new GroupMembership("ART", "H-S3"),
                    new GroupMembership("ART", "H-T2"), new GroupMembership("7A", "H-S1"),
                    new GroupMembership("7A", "H-S2"), new GroupMembership("7A", "H-S3"),
                    new GroupMembership("7A", "H-T1"), new GroupMembership("CLUB", "H-S1"),
                    new GroupMembership("CLUB", "H-T1")),
            List.of());

    private static final DirectoryState VALE = new DirectoryState("vale",
            List.of(student("V-S1", "Val", "Vane"), teacher("V-T1", "Vic", "Tor")), List.of(), List.of(),
            List.of(new ContactDetail("V-T1", DetailKind.EMAIL, "vic@vale.example", false, Origin.IMPORT)),
            List.of(new DirectoryGroup("V-MATH", "Maths", GroupKind.CLASS, true, Origin.IMPORT)),
            List.of(new GroupMembership("V-MATH", "V-S1"), new GroupMembership("V-MATH", "V-T1")), List.of());

    private static final Map<String, DirectoryState> STATES = Map.of("hill", HILL, "vale", VALE);
    private static final Map<String, String> NAMES = Map.of("hill", "Hill School", "vale", "Vale School");

    int loads;

    /** A school whose store fails, with a message that must not reach a consumer. */
    static final String BROKEN = "broken";
    static final String STORE_FAILURE = "connection to jdbc:postgresql://db/misbridge?password=hunter2 refused";

    @Override
    public DirectoryState load(String schoolId) {
        if (schoolId.equals(BROKEN)) {
            throw new IllegalStateException(STORE_FAILURE);
        }
        loads++;
        return STATES.getOrDefault(schoolId, DirectoryState.empty(schoolId));
    }

    @Override
    public School school(String schoolId) {
        return new School(schoolId, NAMES.getOrDefault(schoolId, schoolId), ZoneId.of("Europe/London"));
    }

    @Override
    public Instant lastModified(String schoolId) {
        return SYNCED;
    }
}
