package org.misbridge.oneroster.provider.internal.query;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** X-Total-Count and Link at the edges: no records, an exact multiple of the limit, a short last page, past the end. */
class PageLinksTest {
    private static final String PATH = "https://host/ims/oneroster/rostering/v1p2/users";

    private static String link(int total, int limit, int offset) {
        return PageLinks.link(PATH, Map.of(), total, limit, offset);
    }

    private static String rel(int limit, int offset, String rel) {
        return "<" + PATH + "?limit=" + limit + "&offset=" + offset + ">; rel=\"" + rel + "\"";
    }

    @Test
    void noRecordsHaveFirstAndLastAtZeroAndNothingElse() {
        assertThat(link(0, 100, 0)).isEqualTo(rel(100, 0, "first") + ", " + rel(100, 0, "last"));
    }

    @Test
    void theFirstOfThreeFullPagesHasNextAndLast() {
        assertThat(link(30, 10, 0)).isEqualTo(
                String.join(", ", rel(10, 0, "first"), rel(10, 10, "next"), rel(10, 20, "last")));
    }

    @Test
    void theLastPageOfAnExactMultipleHasNoNext() {
        assertThat(link(30, 10, 20)).isEqualTo(
                String.join(", ", rel(10, 0, "first"), rel(10, 10, "prev"), rel(10, 20, "last")));
    }

    @Test
    void oneRecordMoreThanAMultipleMakesAPageOfOne() {
        assertThat(link(31, 10, 20)).isEqualTo(String.join(", ", rel(10, 0, "first"), rel(10, 10, "prev"),
                rel(10, 30, "next"), rel(10, 30, "last")));
    }

    @Test
    void aShortLastPageIsTheLast() {
        assertThat(link(25, 10, 20)).isEqualTo(
                String.join(", ", rel(10, 0, "first"), rel(10, 10, "prev"), rel(10, 20, "last")));
    }

    @Test
    void pastTheEndPrevLeadsBackToTheLastPage() {
        assertThat(link(25, 10, 50)).isEqualTo(
                String.join(", ", rel(10, 0, "first"), rel(10, 20, "prev"), rel(10, 20, "last")));
    }

    @Test
    void anOffsetOffTheGridStepsByTheLimitAndPrevStopsAtZero() {
        assertThat(link(25, 10, 5)).isEqualTo(String.join(", ", rel(10, 0, "first"), rel(10, 0, "prev"),
                rel(10, 15, "next"), rel(10, 20, "last")));
    }

    @Test
    void oneRecordPerPage() {
        assertThat(link(3, 1, 1)).isEqualTo(String.join(", ", rel(1, 0, "first"), rel(1, 0, "prev"),
                rel(1, 2, "next"), rel(1, 2, "last")));
    }

    @Test
    void theOtherParametersAreKeptEncodedAndLimitAndOffsetReplaced() {
        Map<String, String> parameters = new LinkedHashMap<>();
        parameters.put("filter", "familyName='O''Brien' AND status='active'");
        parameters.put("limit", "2");
        parameters.put("offset", "0");
        parameters.put("fields", "sourcedId,givenName");
        Page page = new Page(List.of(), 3, 2, 0);
        Map<String, String> headers = PageLinks.headers(PATH, parameters, page);
        String query = "filter=familyName%3D%27O%27%27Brien%27%20AND%20status%3D%27active%27"
                + "&fields=sourcedId%2CgivenName&";
        assertThat(headers).containsExactly(Map.entry("X-Total-Count", "3"), Map.entry("Link",
                "<" + PATH + "?" + query + "limit=2&offset=0>; rel=\"first\", "
                        + "<" + PATH + "?" + query + "limit=2&offset=2>; rel=\"next\", "
                        + "<" + PATH + "?" + query + "limit=2&offset=2>; rel=\"last\""));
    }
}
