package org.misbridge.oneroster.provider.internal.query;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** limit, offset, sort, orderBy and fields: applied as the binding says, or refused with the specified codeMinor. */
class QueryParametersTest {

    private static Map<String, String> params(String... pairs) {
        Map<String, String> map = new HashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            map.put(pairs[i], pairs[i + 1]);
        }
        return map;
    }

    private static Page run(String... pairs) {
        return QueryEngine.run(Fixtures.records(), Query.of(params(pairs), Fixtures.SCHEMA), Fixtures.SCHEMA);
    }

    /** A query string's parameters ({@code a=1&b=2}), split at the first '=' of each. */
    private static Map<String, String> query(String parameters) {
        Map<String, String> map = new HashMap<>();
        for (String pair : parameters.split("&")) {
            map.put(pair.substring(0, pair.indexOf('=')), pair.substring(pair.indexOf('=') + 1));
        }
        return map;
    }

    /** The fixture records in sourcedId order, as a view keeps them. */
    private static List<Map<String, Object>> keptOrder() {
        List<Map<String, Object>> kept = new ArrayList<>(Fixtures.records());
        kept.sort(Comparator.comparing(r -> (String) r.get("sourcedId")));
        return kept;
    }

    private static List<Object> ids(Page page) {
        return page.records().stream().map(r -> r.get("sourcedId")).toList();
    }

    /**
     * A view's collection is kept in sourcedId order, and the engine then skips the sort: every query
     * gives the page, the total and the order that the same records in any other order give.
     */
    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "limit=2",
        "limit=2&offset=1&orderBy=desc",
        "orderBy=desc",
        "offset=3&orderBy=desc",
        "filter=enabledUser='true'&orderBy=desc",
        "filter=enabledUser='false'",
        "sort=familyName&orderBy=desc&limit=3",
        "sort=givenName",
    })
    void aCollectionKeptInSourcedIdOrderPagesAsTheSameRecordsInAnyOrder(String parameters) {
        Query query = Query.of(query(parameters), Fixtures.SCHEMA);
        List<Map<String, Object>> kept = keptOrder();
        Page fast = QueryEngine.run(kept, query, Fixtures.SCHEMA, true);
        Page sorted = QueryEngine.run(Fixtures.records(), query, Fixtures.SCHEMA, false);
        assertThat(ids(fast)).isEqualTo(ids(sorted));
        assertThat(fast.total()).isEqualTo(sorted.total());
    }

    /** Without filter or sort, a page is cut from the kept order: the same page, total and fields as the search gives. */
    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "limit=2",
        "limit=2&offset=1",
        "limit=3&offset=2&orderBy=desc",
        "orderBy=desc&fields=sourcedId,givenName",
        "offset=9",
        "offset=4&orderBy=desc",
    })
    void aPageOfAWholeCollectionInItsKeptOrderIsCutAsTheSearchWouldFindIt(String parameters) {
        Query query = Query.of(query(parameters), Fixtures.SCHEMA);
        List<Map<String, Object>> kept = keptOrder();
        Page cut = QueryEngine.slice(kept, query);
        Page found = QueryEngine.run(Fixtures.records(), query, Fixtures.SCHEMA, false);
        assertThat(cut.records()).isEqualTo(found.records());
        assertThat(cut.total()).isEqualTo(found.total());
    }

    @Test
    void withoutParametersEveryRecordComesInSourcedIdOrderOneHundredAPage() {
        Query query = Query.of(Map.of(), Fixtures.SCHEMA);
        assertThat(query.limit()).isEqualTo(100);
        assertThat(query.offset()).isZero();
        assertThat(ids(run())).containsExactly("u1", "u2", "u3", "u4");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
        "limit  | 0      | INVALIDDATA             | limit is 0; it is from 1 to 5000",
        "limit  | -1     | INVALIDDATA             | limit is -1; it is from 1 to 5000",
        "limit  | 5001   | INVALIDDATA             | limit is 5001; it is from 1 to 5000",
        "limit  | ten    | INVALIDDATA             | limit is 'ten'; it is a whole number",
        "limit  | 2.5    | INVALIDDATA             | it is a whole number",
        "limit  | 99999999999 | INVALIDDATA        | out of range",
        "offset | -1     | INVALIDDATA             | offset is -1; it is 0 or more",
        "offset | 1e3    | INVALIDDATA             | offset is '1e3'; it is a whole number",
        "sort   | nickname | INVALID_SORT_FIELD    | people have no field 'nickname' to sort by",
        "sort   | roles  | INVALID_SORT_FIELD      | roles can hold several values or an object",
        "sort   | roles.role | INVALID_SORT_FIELD  | roles.role can hold several values",
        "sort   | grades | INVALID_SORT_FIELD      | grades can hold several values",
        "orderBy | up    | INVALID_SORT_FIELD      | orderBy is 'up'; it is asc or desc",
        "orderBy | DESC  | INVALID_SORT_FIELD      | orderBy is 'DESC'",
        "fields | nickname | INVALID_SELECTION_FIELD | people have no field 'nickname' to select",
        "fields | givenName,,familyName | INVALID_SELECTION_FIELD | an empty name between commas",
        "fields | roles.role | INVALID_SELECTION_FIELD | fields selects whole top-level fields",
    })
    void aBadParameterIsA400WithItsCodeMinor(String name, String value, CodeMinor codeMinor, String reason) {
        OneRosterException e = catchThrowableOfType(OneRosterException.class,
                () -> Query.of(params(name, value), Fixtures.SCHEMA));
        assertThat(e).isNotNull();
        assertThat(e.httpStatus()).isEqualTo(400);
        assertThat(e.codeMinor()).isEqualTo(codeMinor);
        assertThat(e.getMessage()).contains(reason);
    }

    @Test
    void blankSortOrFieldsAreRefusedNotIgnored() {
        OneRosterException sort = catchThrowableOfType(OneRosterException.class,
                () -> Query.of(params("sort", " "), Fixtures.SCHEMA));
        assertThat(sort.codeMinor()).isEqualTo(CodeMinor.INVALID_SORT_FIELD);
        OneRosterException fields = catchThrowableOfType(OneRosterException.class,
                () -> Query.of(params("fields", ""), Fixtures.SCHEMA));
        assertThat(fields.httpStatus()).isEqualTo(400);
        assertThat(fields.codeMinor()).isEqualTo(CodeMinor.INVALID_SELECTION_FIELD);
        assertThat(fields.getMessage()).startsWith("fields is blank");
    }

    @Test
    void theLimitsAtTheEdgesAreAccepted() {
        assertThat(Query.of(params("limit", "1"), Fixtures.SCHEMA).limit()).isEqualTo(1);
        assertThat(Query.of(params("limit", "5000"), Fixtures.SCHEMA).limit()).isEqualTo(5000);
        assertThat(Query.of(params("offset", "0"), Fixtures.SCHEMA).offset()).isZero();
    }

    @Test
    void sortPutsAbsentValuesFirstAscendingAndBreaksTiesBySourcedId() {
        assertThat(ids(run("sort", "familyName"))).containsExactly("u4", "u1", "u2", "u3");
        assertThat(ids(run("sort", "familyName", "orderBy", "desc"))).containsExactly("u3", "u2", "u1", "u4");
        // u1 and u3 share a birth date: sourcedId decides, ascending in both orders
        assertThat(ids(run("sort", "birthDate"))).containsExactly("u4", "u2", "u1", "u3");
        assertThat(ids(run("sort", "birthDate", "orderBy", "desc"))).containsExactly("u1", "u3", "u2", "u4");
    }

    @Test
    void sortFollowsTheFieldsTypeNotItsText() {
        assertThat(ids(run("sort", "score"))).containsExactly("u3", "u2", "u1", "u4"); // none, 2.5, 10, 100
        assertThat(ids(run("sort", "dateLastModified")))
                .containsExactly("u3", "u2", "u1", "u4");
    }

    @Test
    void orderByAloneReversesTheDefaultOrder() {
        assertThat(ids(run("orderBy", "desc"))).containsExactly("u4", "u3", "u2", "u1");
    }

    @Test
    void fieldsReturnsOnlyThoseFieldsInTheOrderAsked() {
        Page page = run("fields", "givenName, sourcedId", "limit", "1");
        assertThat(page.records()).hasSize(1);
        assertThat(page.records().get(0)).containsExactly(Map.entry("givenName", "Ann"), Map.entry("sourcedId", "u1"));
        // a record without the field simply lacks it
        assertThat(run("fields", "familyName", "filter", "givenName='Dan'").records().get(0)).isEmpty();
    }

    @Test
    void filterSortAndPagingTogether() {
        Page page = run("filter", "enabledUser='true' OR score>'50'", "sort", "givenName", "orderBy", "desc",
                "limit", "2", "offset", "1");
        // matched: u1 Ann, u3 Cara, u4 Dan; by givenName desc: Dan, Cara, Ann; skip one, take two
        assertThat(page.total()).isEqualTo(3);
        assertThat(ids(page)).containsExactly("u3", "u1");
    }

    @Test
    void anOffsetPastTheEndGivesAnEmptyPageWithTheTotal() {
        Page page = run("offset", "10");
        assertThat(page.records()).isEmpty();
        assertThat(page.total()).isEqualTo(4);
    }
}
