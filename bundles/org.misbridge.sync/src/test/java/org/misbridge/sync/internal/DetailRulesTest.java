package org.misbridge.sync.internal;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class DetailRulesTest {

    @Test
    void ukMobilesHaveElevenDigitsNationallyOrAfterPlus44() {
        assertThat(DetailRules.mobileProblem(DetailRules.normaliseMobile("07700 900123"))).isEmpty();
        assertThat(DetailRules.mobileProblem(DetailRules.normaliseMobile("+44 7700 900123"))).isEmpty();
        assertThat(DetailRules.mobileProblem("077009001234")).get().asString().contains("too many digits");
        assertThat(DetailRules.mobileProblem("0770090012")).get().asString().contains("too few digits");
    }

    @Test
    void normalisingRemovesWhatTheDocumentedSeparatorsAreAndNothingElse() {
        // the rule as first written: trim, then drop whitespace, dashes, brackets and dots
        java.util.function.UnaryOperator<String> asWritten = raw -> raw.trim().replaceAll("[\\s\\-().]", "");
        for (String raw : java.util.List.of("07700 900123", " (0)7700-900.123 ", "+44\t7700\n900123", "\u00010770",
                "07700\u00a0900123", "07700\u000b900\f123\r", "", "   ", "+", "0770O900123", "\u2007077")) {
            assertThat(DetailRules.normaliseMobile(raw)).as("normalising %s", raw).isEqualTo(asWritten.apply(raw));
        }
    }

    @Test
    void otherNumbersNeedTenToFifteenDigits() {
        assertThat(DetailRules.mobileProblem("6037778888")).isEmpty();
        assertThat(DetailRules.mobileProblem("603121567")).get().asString().contains("too few digits");
        assertThat(DetailRules.mobileProblem("1234567890123456")).get().asString().contains("too many digits");
        assertThat(DetailRules.mobileProblem("0770O900123")).get().asString().contains("characters other than digits");
    }

    @Test
    void emailsNeedOneAtAndADottedDomain() {
        assertThat(DetailRules.emailProblem("ann.lee@example.org")).isEmpty();
        assertThat(DetailRules.emailProblem("jane.smith@@example")).isPresent();
        assertThat(DetailRules.emailProblem("no-at.example.org")).isPresent();
        assertThat(DetailRules.emailProblem("a b@example.org")).isPresent();
    }
}
