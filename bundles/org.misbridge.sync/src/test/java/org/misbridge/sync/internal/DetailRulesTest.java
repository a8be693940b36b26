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
