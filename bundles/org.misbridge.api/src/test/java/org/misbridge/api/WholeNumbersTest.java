package org.misbridge.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class WholeNumbersTest {

    @Test
    void asciiDigitsAreRead() {
        assertThat(WholeNumbers.parse("31", "days")).isEqualTo(31);
        assertThat(WholeNumbers.parse(" 0 ", "days")).isZero();
        assertThat(WholeNumbers.parse("2147483647", "days")).isEqualTo(Integer.MAX_VALUE);
    }

    /** Each of these Integer.parseInt takes (all but the last two), as another number or a sign. */
    @ParameterizedTest
    @ValueSource(strings = {"\u0663\u0661", "\u0969\u0967", "\uff13\uff11", "3\u0661", "+31", "-1", "", "3 1", "0x1F", "2147483648",
        "99999999999"})
    void anythingButAsciiDigitsIsRefusedNamingTheArgument(String text) {
        assertThatThrownBy(() -> WholeNumbers.parse(text, "days"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("days '" + text + "' is not a whole number written in the digits 0-9");
    }

    @Test
    void integerParseIntWouldHaveReadArabicIndicDigits() {
        // the reason for this class: the JDK reads these as 31
        assertThat(Integer.parseInt("\u0663\u0661")).isEqualTo(31);
    }
}
