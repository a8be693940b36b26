package org.misbridge.api.spi;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** A read error shows a source value only short and inert: no more than a cell's worth, no control characters. */
class MisReadExceptionTest {

    @Test
    void aValueIsQuotedWhole() {
        assertThat(MisReadException.quote("next week")).isEqualTo("'next week'");
        assertThat(MisReadException.quote(null)).isEqualTo("(none)");
    }

    @Test
    void aLongValueIsCutAndSaysHowLongItWas() {
        String quoted = MisReadException.quote("x".repeat(5000));
        assertThat(quoted).isEqualTo("'" + "x".repeat(MisReadException.SHOWN_CHARS) + "… (5000 characters)'");
    }

    @Test
    void controlAndDirectionCharactersAreEscaped() {
        assertThat(MisReadException.quote("a\r\nb\tc\u0000d\u001b[2Je\u202Ef\u0085"))
                .isEqualTo("'a\\r\\nb\\tc\\x00d\\x1B[2Je\\u202Ef\\x85'");
    }

    @Test
    void aCutNeverSplitsACharacter() {
        String emoji = "\uD83D\uDE00"; // one character, two chars
        String value = "x".repeat(MisReadException.SHOWN_CHARS - 1) + emoji + "tail";
        assertThat(MisReadException.shown(value, MisReadException.SHOWN_CHARS))
                .isEqualTo("x".repeat(MisReadException.SHOWN_CHARS - 1) + "… (" + value.length() + " characters)");
    }

    @Test
    void theMessageNeverHoldsARawControlCharacterAndTheReasonComesWithoutTheWhere() {
        MisReadException e = new MisReadException("users\n.csv", 3, "given\tName", "bad\u0007 value", null);
        assertThat(e.getMessage()).isEqualTo("users\\n.csv, row 3, column given\\tName: bad\\x07 value");
        assertThat(e.reason()).isEqualTo("bad\\x07 value");
    }
}
