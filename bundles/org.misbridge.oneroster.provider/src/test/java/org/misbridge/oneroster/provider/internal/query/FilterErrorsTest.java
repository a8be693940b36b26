package org.misbridge.oneroster.provider.internal.query;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.assertj.core.api.Assertions.tuple;

import java.util.Collections;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Every malformed filter is a 400 with codeMinor invalid_filter_field and a description that says what is wrong. */
class FilterErrorsTest {

    private static OneRosterException refusal(String filter) {
        OneRosterException e = catchThrowableOfType(OneRosterException.class,
                () -> FilterParser.parse(filter, Fixtures.SCHEMA));
        assertThat(e).as("refused: %s", filter).isNotNull();
        assertThat(e.httpStatus()).isEqualTo(400);
        assertThat(e.codeMinor()).isEqualTo(CodeMinor.INVALID_FILTER_FIELD);
        return e;
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
        "nickname='x'                              | people have no field 'nickname'",
        "givenName='Ann' AND nick.name='x'         | people have no field 'nick.name'",
        "roles='parent'                            | roles is an object",
        "roles.org='sch1'                          | roles.org is an object",
        "givenName=='Ann'                          | expected a value in single quotes at character 11",
        "givenName<>'Ann'                          | expected a value in single quotes at character 11",
        "givenName^'Ann'                           | expected an operator",
        "givenName                                 | expected an operator",
        "givenName='Ann                            | no closing quote at character 11",
        "givenName='Ann''                          | no closing quote",
        "givenName=Ann                             | expected a value in single quotes",
        "givenName=\"Ann\"                         | expected a value in single quotes",
        "birthDate>'2012-13-01'                    | '2012-13-01' is not a date for birthDate",
        "birthDate='04/03/2012'                    | is not a date",
        "birthDate='2026-02-30'                    | is not a date",
        "birthDate='2012-3-4'                      | is not a date",
        "dateLastModified>'2026-12-01T06:00:00'    | is not a datetime",
        "dateLastModified>'yesterday'              | is not a datetime",
        "score>'ten'                               | 'ten' is not a number",
        "enabledUser='yes'                         | 'yes' is not true or false",
        "birthDate~'2012'                          | ~ (contains) applies to text",
        "enabledUser>'true'                        | > needs an order",
        "givenName='A' AND givenName='B' OR givenName='C' | not both",
        "givenName='A' OR givenName='B' AND givenName='C' | not both",
        "givenName='A' and givenName='B'           | expected AND or OR (in capitals), found 'and'",
        "givenName='A' XOR givenName='B'           | found 'XOR'",
        "givenName='A'AND givenName='B'            | expected a space and then AND or OR",
        "givenName='A' AND                         | expected a space after AND",
        "givenName='A' ANDgivenName='B'            | found 'ANDgivenName'",
        "givenName='A' 'B'                         | found ''B''",
        "'Ann'=givenName                           | expected a field name at character 1",
        "1name='x'                                 | expected a field name",
        "givenName.='x'                            | expected a field name",
    })
    void aMalformedFilterIsRefusedWithItsReason(String filter, String reason) {
        assertThat(refusal(filter.strip()).getMessage()).contains(reason);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", " ", "     "})
    void anEmptyFilterIsRefused(String filter) {
        assertThat(refusal(filter).getMessage()).isEqualTo("the filter is empty");
    }

    @Test
    void aFilterOfTheMaximumLengthIsReadAndOneCharacterMoreIsRefused() {
        String longest = "givenName='" + "a".repeat(FilterParser.MAX_LENGTH - 12) + "'";
        assertThat(longest).hasSize(2048);
        assertThatCode(() -> FilterParser.parse(longest, Fixtures.SCHEMA)).doesNotThrowAnyException();
        String tooLong = "givenName='" + "a".repeat(FilterParser.MAX_LENGTH - 11) + "'";
        assertThat(refusal(tooLong).getMessage())
                .isEqualTo("the filter is 2049 characters long; at most 2048 are accepted");
    }

    @Test
    void eightPredicatesAreReadAndANinthIsRefused() {
        String eight = String.join(" OR ", Collections.nCopies(8, "givenName='Ann'"));
        assertThat(FilterParser.parse(eight, Fixtures.SCHEMA).predicates()).hasSize(8);
        assertThat(refusal(eight + " OR givenName='Ann'").getMessage()).contains("at most 8 predicates");
    }

    @Test
    void theParsedFilterKeepsFieldOperatorAndUnquotedValue() {
        Filter filter = FilterParser.parse("familyName='O''Brien' AND birthDate>='2012-03-04'", Fixtures.SCHEMA);
        assertThat(filter.conjunction()).isTrue();
        assertThat(filter.predicates()).extracting(Comparison::field, Comparison::operator, Comparison::value)
                .containsExactly(
                        tuple("familyName", Operator.EQUAL, "O'Brien"),
                        tuple("birthDate", Operator.GREATER_OR_EQUAL, "2012-03-04"));
        assertThat(FilterParser.parse("givenName~'a' OR givenName!='b'", Fixtures.SCHEMA).conjunction()).isFalse();
    }
}
