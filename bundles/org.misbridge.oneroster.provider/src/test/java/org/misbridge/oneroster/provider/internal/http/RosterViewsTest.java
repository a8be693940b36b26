package org.misbridge.oneroster.provider.internal.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.misbridge.api.directory.DirectoryState;
import org.misbridge.api.model.School;
import org.junit.jupiter.api.Test;

/** The listings of a client of several schools: kept while its schools' views are, let go with any of them. */
class RosterViewsTest {

    /** {@link TwoSchools}, whose hill changes when the test says so. */
    private static final class Changing implements SchoolSource {
        final TwoSchools schools = new TwoSchools();
        long hillVersion;

        @Override
        public DirectoryState load(String schoolId) {
            return schools.load(schoolId);
        }

        @Override
        public School school(String schoolId) {
            return schools.school(schoolId);
        }

        @Override
        public Instant lastModified(String schoolId) {
            return schools.lastModified(schoolId);
        }

        @Override
        public long version(String schoolId) {
            return schoolId.equals("hill") ? hillVersion : 0;
        }
    }

    @Test
    void aDistrictsListingsAreKeptWithItsSchoolsViewsAndGoWithThem() {
        Changing source = new Changing();
        RosterViews views = new RosterViews(source, Clock.fixed(Instant.parse("2026-12-06T10:00:00Z"), ZoneOffset.UTC));
        String base = "https://host/ims/oneroster/rostering/v1p2";
        List<String> schools = List.of("hill", "vale");
        Listings first = views.districtListings(schools, base, true,
                List.of(views.view("hill", base, true), views.view("vale", base, true)));
        assertThat(views.districtListings(schools, base, true,
                List.of(views.view("hill", base, true), views.view("vale", base, true)))).isSameAs(first);
        assertThat(views.districtListings(schools, base, false,
                List.of(views.view("hill", base, false), views.view("vale", base, false)))).as("core apart").isNotSameAs(first);
        assertThat(views.districtsKept()).isEqualTo(2);

        // hill changes: its next view replaces the old one, and the listings made from it go at once
        List<SchoolView> taken = List.of(views.view("hill", base, true), views.view("vale", base, true));
        source.hillVersion = 1;
        SchoolView hill = views.view("hill", base, true);
        assertThat(views.districtsKept()).as("nothing keeps the old view's records").isZero();
        // a request that took its views before the change gets listings of its own, which nothing keeps
        assertThat(views.districtListings(schools, base, true, taken)).isNotSameAs(first);
        assertThat(views.districtsKept()).isZero();
        assertThat(views.districtListings(schools, base, true, List.of(hill, views.view("vale", base, true))))
                .isNotSameAs(first);
    }
}
