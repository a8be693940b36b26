package org.misbridge.oneroster.provider.internal.query;

import java.util.Objects;

/**
 * One predicate of a filter: a field, an operator and the value as written (quotes removed, a
 * doubled quote made single), with the value already checked against the field's type.
 *
 * @param field    the dotted path, known to the collection's schema
 * @param type     the field's type
 * @param operator the predicate
 * @param value    the literal value
 * @param operand  the value converted for comparison (a String, LocalDate, Instant, BigDecimal or Boolean)
 */
public record Comparison(String field, FieldType type, Operator operator, String value, Object operand) {
    public Comparison {
        Objects.requireNonNull(field, "field");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(operator, "operator");
        Objects.requireNonNull(value, "value");
        Objects.requireNonNull(operand, "operand");
    }
}
