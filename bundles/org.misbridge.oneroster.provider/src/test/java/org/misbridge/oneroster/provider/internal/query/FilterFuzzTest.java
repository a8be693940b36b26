package org.misbridge.oneroster.provider.internal.query;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The filter parser on random text and on random mutations of valid filters: each input either
 * parses (and the filter then evaluates on records without error) or is refused with the specified
 * 400 invalid_filter_field, never any other exception, never a hang. Seeds are fixed so a failure
 * repeats; the failing input is in the assertion message.
 */
class FilterFuzzTest {
    private static final int RUNS = 20_000;
    private static final String ALPHABET = "givenNamefamilyNamebirthDatescoreroles.role.org.sourcedId "
            + "=!<>~'''' ANDOR AND OR 0123456789-:TZ+._\"()\\\t\n\u00e9\u0000\u2028%&";
    private static final List<String> VALID = List.of(
            "givenName='Ann'",
            "familyName='O''Brien' AND birthDate>='2012-03-04'",
            "dateLastModified>'2026-12-01T06:00:00Z' OR score<='10'",
            "roles.role!='parent' AND grades~'0' AND enabledUser='true'",
            "roles.org.sourcedId='sch1' OR familyName~'smith' OR dateLastModified<'2026-12-02'");

    private final List<Map<String, Object>> records = Fixtures.records();

    @Test
    void randomTextParsesOrIsRefusedAsSpecified() {
        Random random = new Random(22L);
        assertTimeoutPreemptively(Duration.ofSeconds(60), () -> {
            for (int i = 0; i < RUNS; i++) {
                int length = random.nextInt(10) == 0 ? random.nextInt(2200) : random.nextInt(60);
                StringBuilder text = new StringBuilder(length);
                for (int c = 0; c < length; c++) {
                    text.append(random.nextInt(20) == 0 ? (char) random.nextInt(0x3000)
                            : ALPHABET.charAt(random.nextInt(ALPHABET.length())));
                }
                check(text.toString());
            }
        });
    }

    @Test
    void mutatedValidFiltersParseOrAreRefusedAsSpecified() {
        Random random = new Random(1_2_2026L);
        assertTimeoutPreemptively(Duration.ofSeconds(60), () -> {
            int parsed = 0;
            for (int i = 0; i < RUNS; i++) {
                StringBuilder text = new StringBuilder(VALID.get(random.nextInt(VALID.size())));
                int mutations = 1 + random.nextInt(3);
                for (int m = 0; m < mutations && text.length() > 0; m++) {
                    int at = random.nextInt(text.length());
                    char c = ALPHABET.charAt(random.nextInt(ALPHABET.length()));
                    switch (random.nextInt(3)) {
                        case 0 -> text.insert(at, c);
                        case 1 -> text.deleteCharAt(at);
                        default -> text.setCharAt(at, c);
                    }
                }
                parsed += check(text.toString()) ? 1 : 0;
            }
            // the mutations must leave some filters valid, or the evaluation half of the test is empty
            assertThat(parsed).isGreaterThan(RUNS / 20);
        });
    }

    @Test
    void theValidSeedsParse() {
        for (String filter : VALID) {
            assertThat(check(filter)).as(filter).isTrue();
        }
    }

    /** True when the text parsed and evaluated; false when refused as specified; fails otherwise. */
    private boolean check(String text) {
        Filter filter;
        try {
            filter = FilterParser.parse(text, Fixtures.SCHEMA);
        } catch (OneRosterException e) {
            assertThat(e.httpStatus()).as("status for %s", text).isEqualTo(400);
            assertThat(e.codeMinor()).as("codeMinor for %s", text).isEqualTo(CodeMinor.INVALID_FILTER_FIELD);
            assertThat(e.getMessage()).as("description for %s", text).isNotBlank();
            return false;
        } catch (RuntimeException e) {
            throw new AssertionError("unexpected " + e + " for filter: " + text, e);
        }
        assertThat(filter.predicates()).hasSizeBetween(1, FilterParser.MAX_PREDICATES);
        try {
            for (Map<String, Object> record : records) {
                QueryEngine.matches(filter, record);
            }
        } catch (RuntimeException e) {
            throw new AssertionError("evaluating " + text + " failed: " + e, e);
        }
        return true;
    }
}
