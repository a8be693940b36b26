package org.misbridge.oneroster.provider.internal.query;

import static org.assertj.core.api.Assertions.assertThat;
import static org.misbridge.oneroster.provider.internal.query.Fixtures.ids;

import org.junit.jupiter.api.Test;

/** Every operator on text, dates, datetimes, numbers, booleans and lists, with results worked out from the fixtures. */
class FilterEvaluationTest {

    @Test
    void equalsOnTextIsExactAndCaseSensitive() {
        assertThat(ids("familyName='Smith'")).containsExactly("u2");
        assertThat(ids("familyName='smith'")).isEmpty();
    }

    @Test
    void notEqualsHoldsForRecordsWithoutTheField() {
        assertThat(ids("familyName!='Smith'")).containsExactly("u1", "u3", "u4");
    }

    @Test
    void containsIgnoresCase() {
        assertThat(ids("familyName~'smith'")).containsExactly("u2", "u3");
        assertThat(ids("givenName~'A'")).containsExactly("u1", "u3", "u4");
    }

    @Test
    void orderingOnTextFollowsCharacterOrder() {
        // O (79) < S (83) < s (115)
        assertThat(ids("familyName>'S'")).containsExactly("u2", "u3");
        assertThat(ids("familyName>='Smith'")).containsExactly("u2", "u3");
        assertThat(ids("familyName<'Smith'")).containsExactly("u1");
        assertThat(ids("familyName<='Smith'")).containsExactly("u1", "u2");
    }

    @Test
    void aDoubledQuoteIsOneQuoteInTheValue() {
        assertThat(ids("familyName='O''Brien'")).containsExactly("u1");
        assertThat(ids("familyName<='O''Brien'")).containsExactly("u1");
    }

    @Test
    void datesCompareAsDates() {
        assertThat(ids("birthDate='2012-03-04'")).containsExactly("u1", "u3");
        assertThat(ids("birthDate!='2012-03-04'")).containsExactly("u2", "u4");
        assertThat(ids("birthDate>'2012-01-01'")).containsExactly("u1", "u3");
        assertThat(ids("birthDate>='2011-09-01'")).containsExactly("u1", "u2", "u3");
        assertThat(ids("birthDate<'2012-01-01'")).containsExactly("u2");
        assertThat(ids("birthDate<='2011-09-01'")).containsExactly("u2");
    }

    @Test
    void datetimesCompareAsInstantsWhateverTheirOffset() {
        assertThat(ids("dateLastModified>'2026-12-01T06:00:00Z'")).containsExactly("u4");
        assertThat(ids("dateLastModified>='2026-12-01T06:00:00Z'")).containsExactly("u1", "u4");
        assertThat(ids("dateLastModified<'2026-12-01T06:00:00Z'")).containsExactly("u2", "u3");
        assertThat(ids("dateLastModified<='2026-12-01T05:59:59Z'")).containsExactly("u2", "u3");
        assertThat(ids("dateLastModified!='2026-12-01T06:00:00Z'")).containsExactly("u2", "u3", "u4");
        // u3 is 2026-11-30T23:00:00-02:00, which is 01:00 UTC on 1 December: as text it would sort first
        assertThat(ids("dateLastModified='2026-12-01T01:00:00Z'")).containsExactly("u3");
        assertThat(ids("dateLastModified>'2026-12-01T00:30:00Z'")).containsExactly("u1", "u2", "u3", "u4");
        assertThat(ids("dateLastModified='2026-12-01T07:00:00+01:00'")).containsExactly("u1");
        assertThat(ids("dateLastModified>'2026-12-02T00:00:00Z'")).containsExactly("u4"); // .500 seconds later
    }

    @Test
    void aDateOnADatetimeFieldMeansItsMidnightUtc() {
        assertThat(ids("dateLastModified>'2026-12-01'")).containsExactly("u1", "u2", "u3", "u4");
        assertThat(ids("dateLastModified<'2026-12-02'")).containsExactly("u1", "u2", "u3");
    }

    @Test
    void numbersCompareAsNumbersNotText() {
        assertThat(ids("score>'5'")).containsExactly("u1", "u4"); // as text "100" < "5"
        assertThat(ids("score<'5'")).containsExactly("u2");
        assertThat(ids("score='2.50'")).containsExactly("u2");
    }

    @Test
    void booleansTakeEqualsAndNotEquals() {
        assertThat(ids("enabledUser='true'")).containsExactly("u1", "u3");
        assertThat(ids("enabledUser!='true'")).containsExactly("u2", "u4");
    }

    @Test
    void aPredicateOnAListHoldsForAnyElementAndNotEqualsForNone() {
        assertThat(ids("grades='07'")).containsExactly("u1");
        assertThat(ids("grades~'0'")).containsExactly("u1", "u2");
        assertThat(ids("grades!='07'")).containsExactly("u2", "u3", "u4");
        assertThat(ids("roles.role='parent'")).containsExactly("u2", "u4");
        assertThat(ids("roles.role!='parent'")).containsExactly("u1", "u3");
        assertThat(ids("roles.org.sourcedId='sch1'")).containsExactly("u1", "u2", "u4");
    }

    @Test
    void andNeedsEveryPredicateOrAny() {
        assertThat(ids("familyName~'smith' AND enabledUser='true'")).containsExactly("u3");
        assertThat(ids("sourcedId='u1' AND sourcedId='u2'")).isEmpty();
        assertThat(ids("familyName='Smith' OR givenName='Dan'")).containsExactly("u2", "u4");
        assertThat(ids("givenName='Ann' OR givenName='Ben' OR givenName='Cara'")).containsExactly("u1", "u2", "u3");
        assertThat(ids("status='active' AND enabledUser='false' AND score>='100'")).containsExactly("u4");
    }

    @Test
    void spacesAroundTheOperatorAreAllowedAndInsideTheValueKept() {
        assertThat(ids("givenName = 'Ann'")).containsExactly("u1");
        assertThat(ids("givenName=' Ann'")).isEmpty();
        assertThat(ids("  givenName='Ann'   OR   givenName='Ben'  ")).containsExactly("u1", "u2");
    }

    @Test
    void aValueMayHoldTheWordsAndOrAndOperators() {
        assertThat(ids("familyName!='x AND y=''z'' OR ~'")).containsExactly("u1", "u2", "u3", "u4");
    }
}
