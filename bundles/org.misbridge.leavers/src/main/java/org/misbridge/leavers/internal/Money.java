package org.misbridge.leavers.internal;

import java.math.BigDecimal;

/** Amounts in minor units (pence) as operators type and read them: {@code 12.50}. */
public final class Money {

    private Money() {
    }

    public static String format(long minor) {
        return BigDecimal.valueOf(minor, 2).toPlainString();
    }

    /**
     * Reads {@code 12}, {@code 12.5} or {@code -3.25}, in ASCII digits.
     *
     * @throws IllegalArgumentException naming the text when it is not an amount with at most two decimals
     */
    public static long parse(String text) {
        // BigDecimal also reads Unicode digits (Arabic-Indic, fullwidth...) and exponents: only what a person reads as the amount
        if (!text.strip().matches("-?[0-9]+(\\.[0-9]+)?")) {
            throw new IllegalArgumentException("'" + text + "' is not an amount; amounts are like 12.50, in the digits 0-9");
        }
        try {
            BigDecimal amount = new BigDecimal(text.strip());
            if (amount.scale() > 2) {
                throw new IllegalArgumentException("'" + text + "' has more than two decimals; amounts are like 12.50");
            }
            return amount.movePointRight(2).longValueExact();
        } catch (NumberFormatException | ArithmeticException e) {
            throw new IllegalArgumentException("'" + text + "' is not an amount; amounts are like 12.50", e);
        }
    }
}
