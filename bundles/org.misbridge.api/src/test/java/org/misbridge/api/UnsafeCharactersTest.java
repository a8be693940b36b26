package org.misbridge.api;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class UnsafeCharactersTest {

    @Test
    void controlBidiAndSeparatorCharactersAreEscapedAndEverythingElseIsLeftAlone() {
        assertThat(UnsafeCharacters.escape("Zoë O’Brien-Łukasz 王 محمد")).isEqualTo("Zoë O’Brien-Łukasz 王 محمد");
        assertThat(UnsafeCharacters.escape("a\nb\rc\td\u0000e\u001Bf\u007Fg\u009Bh")).isEqualTo(
                "a\\nb\\rc\\td\\u0000e\\u001Bf\\u007Fg\\u009Bh");
        assertThat(UnsafeCharacters.escape("\u202Eevil\u2066x\u2069\u200F\u061C\u2028\u2029"))
                .isEqualTo("\\u202Eevil\\u2066x\\u2069\\u200F\\u061C\\u2028\\u2029");
        assertThat(UnsafeCharacters.escape("lone \uD800 surrogate, pair \uD83D\uDE00 kept")).isEqualTo(
                "lone \\uD800 surrogate, pair \uD83D\uDE00 kept");
        assertThat(UnsafeCharacters.escape(null)).isEmpty();
    }

    @Test
    void tableCellsAreEscapedWhenTheyAreText() {
        assertThat(UnsafeCharacters.printable("a\nb", 3, null)).containsExactly("a\\nb", 3, null);
        assertThat(UnsafeCharacters.firstUnsafe("ok")).isEqualTo(-1);
        assertThat(UnsafeCharacters.describe(UnsafeCharacters.firstUnsafe("x\u202E"))).isEqualTo("U+202E");
    }
}
