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

    /**
     * The scan must find what the definition finds: for every code point, alone and between safe text,
     * and for every unpaired surrogate, the answer equals the first code point {@code isUnsafe} picks
     * out of {@code String.codePoints()}.
     */
    @Test
    void theScanFindsTheSameFirstUnsafeCodePointAsTheDefinitionForEveryCodePoint() {
        for (int cp = 0; cp <= Character.MAX_CODE_POINT; cp++) {
            String alone = new String(Character.toChars(cp));
            assertThat(UnsafeCharacters.firstUnsafe(alone)).as("U+%04X", cp).isEqualTo(byDefinition(alone));
            if (cp % 97 == 0 || cp < 0x3000) {
                String between = "ab" + alone + "é\u202E";
                assertThat(UnsafeCharacters.firstUnsafe(between)).as("U+%04X between", cp).isEqualTo(byDefinition(between));
            }
        }
        assertThat(UnsafeCharacters.firstUnsafe("pair \uD83D\uDE00 then \uDC00")).isEqualTo(0xDC00);
        assertThat(UnsafeCharacters.firstUnsafe("high at the end \uD83D")).isEqualTo(0xD83D);
        assertThat(UnsafeCharacters.firstUnsafe("")).isEqualTo(-1);
    }

    private static int byDefinition(String text) {
        return text.codePoints().filter(UnsafeCharacters::isUnsafe).findFirst().orElse(-1);
    }

    @Test
    void tableCellsAreEscapedWhenTheyAreText() {
        assertThat(UnsafeCharacters.printable("a\nb", 3, null)).containsExactly("a\\nb", 3, null);
        assertThat(UnsafeCharacters.firstUnsafe("ok")).isEqualTo(-1);
        assertThat(UnsafeCharacters.describe(UnsafeCharacters.firstUnsafe("x\u202E"))).isEqualTo("U+202E");
    }
}
