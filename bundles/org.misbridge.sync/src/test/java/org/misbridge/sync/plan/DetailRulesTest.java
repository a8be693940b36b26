package org.misbridge.sync.plan;

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
    void aUkMobileIsStoredInOneFormWhateverSeparatorsAndPrefixItWasWrittenWith() {
        // issue 23, item 3: the separators (white space, dashes, dots, brackets) go, and so does the
        // trunk 0 after the country code; what is left is 07 and nine digits
        for (String raw : java.util.List.of("07700 900123", " (0)7700-900.123 ", "+44\t7700\n900123", "07700\u00a0900123",
                "+44 (0)7700 900123", "0044 7700 900123", "447700900123", "+44 07700 900123", "07700/900123")) {
            assertThat(DetailRules.normaliseMobile(raw)).as("normalising %s", raw).isEqualTo("07700900123");
            assertThat(DetailRules.mobileProblem(raw)).as("checking %s", raw).isEmpty();
        }
    }

    @Test
    void numbersOutsideTheUkMobileRangesAreNotMobiles() {
        // issue 23, item 3 replaces the earlier rule that took any 10 to 15 digits as a mobile
        assertThat(DetailRules.mobileProblem("6037778888")).get().asString().contains("not a UK mobile");
        assertThat(DetailRules.mobileProblem("01632960001")).get().asString().contains("landline");
        assertThat(DetailRules.mobileProblem("+33 6 12 34 56 78")).get().asString().contains("not a UK number");
        assertThat(DetailRules.mobileProblem("0770O900123")).get().asString().contains("not a telephone number");
        assertThat(DetailRules.mobileProblem("\u00010770")).get().asString().contains("not a telephone number")
                .contains("\\u0001");
    }

    @Test
    void emailsNeedOneAtAndADottedDomain() {
        assertThat(DetailRules.emailProblem("ann.lee@example.org")).isEmpty();
        assertThat(DetailRules.emailProblem("jane.smith@@example")).isPresent();
        assertThat(DetailRules.emailProblem("no-at.example.org")).isPresent();
        assertThat(DetailRules.emailProblem("a b@example.org")).isPresent();
    }

    @Test
    void theEmailCheckSaysWhatItsRegularExpressionSays() {
        // the rule as its documentation writes it; the check is written out by hand, so 200,000
        // random strings over the characters that matter must get the same answer from both
        java.util.regex.Pattern rule = java.util.regex.Pattern.compile("[^@\\s]+@[^@\\s.]+(\\.[^@\\s.]+)+");
        char[] alphabet = {'a', 'a', 'a', 'a', 'b', 'b', '.', '.', '.', '@', '@', ' ', '\t', '\n', '\u000B', '\f', '\r', '\u00a0', '\u00e9', '-'};
        java.util.Random random = new java.util.Random(21);
        int valid = 0;
        for (int n = 0; n < 200_000; n++) {
            char[] text = new char[random.nextInt(12)];
            for (int i = 0; i < text.length; i++) {
                text[i] = alphabet[random.nextInt(alphabet.length)];
            }
            String email = new String(text);
            boolean expected = rule.matcher(email).matches();
            assertThat(DetailRules.shapedLikeEmail(email)).as("%s", email.replace("\n", "\\n")).isEqualTo(expected);
            valid += expected ? 1 : 0;
        }
        assertThat(valid).as("shapes the rule accepts among the random strings").isGreaterThan(200);
        for (String bad : java.util.List.of("", "@", "a@", "@b.c", "a@b", "a@.b", "a@b.", "a@b..c", "a@@b.c", "a@b@c.d", "a @b.c")) {
            assertThat(DetailRules.shapedLikeEmail(bad)).as(bad).isFalse();
        }
        for (String good : java.util.List.of("a@b.c", "a.b@c.d.e", ".a.@b.c", "\u00e9@\u00e9.\u00e9", "a@b\u00a0c.d")) {
            assertThat(DetailRules.shapedLikeEmail(good)).as(good).isTrue();
        }
    }
}
