package org.misbridge.oneroster.provider.internal.query;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Reads a {@code filter} parameter (already URL-decoded) by recursive descent, one pass, no
 * backtracking, so its time is linear in the (bounded) length. The grammar:
 *
 * <pre>
 * filter    = predicate { space ("AND" | "OR") space predicate }
 * predicate = field [spaces] operator [spaces] value
 * field     = name { "." name }          name = (letter | "_") { letter | digit | "_" }
 * operator  = "=" | "!=" | ">" | ">=" | "&lt;" | "&lt;=" | "~"
 * value     = "'" { any character but "'" | "''" } "'"
 * </pre>
 *
 * The binding defines AND and OR with no precedence and no parentheses (1.1 allowed one of them
 * between two predicates), so one filter may use AND or OR but never both, up to
 * {@link #MAX_PREDICATES} predicates. The binding gives no way to write a quote inside a value; we
 * take the SQL convention, two quotes for one ({@code familyName='O''Brien'}). Every refusal is
 * a 400 with codeMinor {@code invalid_filter_field}.
 */
public final class FilterParser {
    /** Longest filter accepted, in characters after URL decoding: room for eight long predicates. */
    public static final int MAX_LENGTH = 2048;
    /** Most predicates in one filter. */
    public static final int MAX_PREDICATES = 8;

    private static final int ECHO = 40;

    private final String text;
    private final FieldSchema schema;
    private int pos;

    private FilterParser(String text, FieldSchema schema) {
        this.text = text;
        this.schema = schema;
    }

    /** Parses a filter for a collection, or throws a {@link OneRosterException} saying what is wrong. */
    public static Filter parse(String text, FieldSchema schema) {
        if (text.length() > MAX_LENGTH) {
            throw OneRosterException.badFilter("the filter is " + text.length() + " characters long; at most "
                    + MAX_LENGTH + " are accepted");
        }
        return new FilterParser(text, schema).filter();
    }

    private Filter filter() {
        skipSpaces();
        if (atEnd()) {
            throw OneRosterException.badFilter("the filter is empty");
        }
        List<Comparison> predicates = new ArrayList<>();
        predicates.add(predicate());
        Boolean conjunction = null;
        while (true) {
            int before = pos;
            skipSpaces();
            if (atEnd()) {
                break;
            }
            if (pos == before) {
                throw error("expected a space and then AND or OR");
            }
            int wordAt = pos;
            String word = word();
            boolean and;
            if (word.equals("AND")) {
                and = true;
            } else if (word.equals("OR")) {
                and = false;
            } else {
                pos = wordAt;
                throw error("expected AND or OR (in capitals), found " + echo(word.isEmpty() ? rest() : word));
            }
            if (conjunction != null && conjunction != and) {
                throw error("a filter joins its predicates with AND or with OR, not both: the specification gives "
                        + "them no precedence");
            }
            conjunction = and;
            int afterWord = pos;
            skipSpaces();
            if (pos == afterWord) {
                throw error("expected a space after " + word);
            }
            if (predicates.size() == MAX_PREDICATES) {
                throw error("a filter has at most " + MAX_PREDICATES + " predicates");
            }
            predicates.add(predicate());
        }
        return new Filter(conjunction == null || conjunction, predicates);
    }

    private Comparison predicate() {
        String field = field();
        FieldType type = schema.typeOf(field);
        if (type == null) {
            throw OneRosterException.badFilter(schema.collection() + " have no field " + echo(field) + " to filter on");
        }
        if (!type.filterable()) {
            throw OneRosterException.badFilter(field + " is an object or a list of objects: filter on one of its "
                    + "fields, e.g. " + field + ".sourcedId");
        }
        skipSpaces();
        Operator operator = operator();
        if (operator == Operator.CONTAINS && !type.textual()) {
            throw OneRosterException.badFilter("~ (contains) applies to text, and " + field + " is "
                    + type.name().toLowerCase(Locale.ROOT));
        }
        if (operator.ordering() && !type.ordered()) {
            throw OneRosterException.badFilter(operator.symbol() + " needs an order, and " + field
                    + " is true or false: use = or !=");
        }
        skipSpaces();
        String value = value();
        return new Comparison(field, type, operator, value, Values.operand(field, type, value));
    }

    private String field() {
        int start = pos;
        name();
        while (!atEnd() && text.charAt(pos) == '.') {
            pos++;
            name();
        }
        return text.substring(start, pos);
    }

    private void name() {
        if (atEnd() || !(Character.isLetter(text.charAt(pos)) || text.charAt(pos) == '_')) {
            throw error("expected a field name");
        }
        while (!atEnd() && (Character.isLetterOrDigit(text.charAt(pos)) || text.charAt(pos) == '_')) {
            pos++;
        }
    }

    private Operator operator() {
        if (atEnd()) {
            throw error("expected an operator (= != > >= < <= ~) after the field");
        }
        char c = text.charAt(pos);
        char next = pos + 1 < text.length() ? text.charAt(pos + 1) : '\0';
        String symbol;
        if (c == '!' && next == '=' || (c == '>' || c == '<') && next == '=') {
            symbol = text.substring(pos, pos + 2);
        } else if (c == '=' || c == '>' || c == '<' || c == '~') {
            symbol = String.valueOf(c);
        } else {
            throw error("expected an operator (= != > >= < <= ~), found " + echo(rest()));
        }
        pos += symbol.length();
        return Operator.ofSymbol(symbol);
    }

    private String value() {
        if (atEnd() || text.charAt(pos) != '\'') {
            throw error("expected a value in single quotes");
        }
        int opening = pos;
        StringBuilder value = new StringBuilder();
        pos++;
        while (true) {
            int quote = text.indexOf('\'', pos);
            if (quote < 0) {
                pos = opening;
                throw error("the value has no closing quote");
            }
            value.append(text, pos, quote);
            if (quote + 1 < text.length() && text.charAt(quote + 1) == '\'') {
                value.append('\'');
                pos = quote + 2;
            } else {
                pos = quote + 1;
                return value.toString();
            }
        }
    }

    private String word() {
        int start = pos;
        while (!atEnd() && Character.isLetter(text.charAt(pos))) {
            pos++;
        }
        return text.substring(start, pos);
    }

    private void skipSpaces() {
        while (!atEnd() && text.charAt(pos) == ' ') {
            pos++;
        }
    }

    private boolean atEnd() {
        return pos >= text.length();
    }

    private String rest() {
        return atEnd() ? "the end" : text.substring(pos);
    }

    private OneRosterException error(String what) {
        return OneRosterException.badFilter(what + " at character " + (pos + 1) + " of the filter");
    }

    /** A piece of the consumer's text, quoted and cut short. */
    static String echo(String piece) {
        String cut = piece.length() > ECHO ? piece.substring(0, ECHO) + "…" : piece;
        return "'" + cut + "'";
    }
}
