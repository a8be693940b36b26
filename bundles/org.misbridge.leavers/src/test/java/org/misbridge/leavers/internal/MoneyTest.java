package org.misbridge.leavers.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class MoneyTest {

    @Test
    void amountsAreReadInPence() {
        assertThat(Money.parse("12.50")).isEqualTo(1250);
        assertThat(Money.parse(" 12 ")).isEqualTo(1200);
        assertThat(Money.parse("-3.25")).isEqualTo(-325);
        assertThat(Money.format(1250)).isEqualTo("12.50");
    }

    /** BigDecimal reads all but the last two as amounts (Arabic-Indic and fullwidth digits, exponents, a plus). */
    @ParameterizedTest
    @ValueSource(strings = {"\u0661.\u0660\u0660", "\uff11\uff12", "1E2", "+1.00", "1.", ".5", "12.345"})
    void onlyAsciiAmountsWithAtMostTwoDecimalsAreRead(String text) {
        assertThatThrownBy(() -> Money.parse(text)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'" + text + "'");
    }
}
