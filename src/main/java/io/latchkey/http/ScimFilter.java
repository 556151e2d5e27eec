package io.latchkey.http;

import java.util.List;
import java.util.Locale;

/**
 * A SCIM filter (RFC 7644 §3.4.2.2) as a tree: {@code eq ne co sw ew gt ge lt le pr}, {@code and or not},
 * parentheses, and {@code attribute[filter]} over a multi-valued attribute. {@link #parse} rejects anything else with 400 INVALID_DATA / INVALID_FILTER.
 * Turning a tree into SQL is {@link FilterSql}'s job.
 */
public sealed interface ScimFilter {
    record And(ScimFilter left, ScimFilter right) implements ScimFilter {}

    record Or(ScimFilter left, ScimFilter right) implements ScimFilter {}

    record Not(ScimFilter inner) implements ScimFilter {}

    record Present(String attribute) implements ScimFilter {}
    /** {@code value} is a String, Boolean, Long, Double or null. */
    record Compare(String attribute, String operator, Object value) implements ScimFilter {}
    /** A filter over a multi-valued attribute's items, {@code memberOfGroups[id eq "..."]} (RFC 7644 valuePath). */
    record ValuePath(String attribute, ScimFilter filter) implements ScimFilter {}

    List<String> OPERATORS = List.of("eq", "ne", "co", "sw", "ew", "gt", "ge", "lt", "le", "pr", "and", "or", "not");
    int MAX_LENGTH = 4096;
    int MAX_DEPTH = 32;

    static ScimFilter parse(String text) {
        if (text == null || text.isBlank()) throw FilterSql.invalid("The filter is empty.", null, null);
        if (text.length() > MAX_LENGTH)
            throw FilterSql.invalid("The filter is longer than " + MAX_LENGTH + " characters.", null, null);
        Parser p = new Parser(text);
        ScimFilter f = p.expression(0);
        p.skipSpace();
        if (!p.atEnd()) throw p.error("Unexpected text");
        return f;
    }

    /** Recursive-descent parser over the filter text. */
    final class Parser {
        private final String s;
        private int i;

        Parser(String s) {
            this.s = s;
        }

        ScimFilter expression(int depth) {
            if (depth > MAX_DEPTH) throw error("The filter is nested too deeply");
            ScimFilter left = term(depth);
            while (keyword("or")) left = new Or(left, term(depth));
            return left;
        }

        private ScimFilter term(int depth) {
            ScimFilter left = factor(depth);
            while (keyword("and")) left = new And(left, factor(depth));
            return left;
        }

        private ScimFilter factor(int depth) {
            skipSpace();
            if (keyword("not")) {
                skipSpace();
                if (!consume('(')) throw error("'not' must be followed by '('");
                ScimFilter inner = expression(depth + 1);
                if (!consume(')')) throw error("Missing ')'");
                return new Not(inner);
            }
            if (consume('(')) {
                ScimFilter inner = expression(depth + 1);
                if (!consume(')')) throw error("Missing ')'");
                return inner;
            }
            String attribute = attributePath();
            if (consume('[')) {
                ScimFilter inner = expression(depth + 1);
                if (!consume(']')) throw error("Missing ']'");
                return new ValuePath(attribute, inner);
            }
            skipSpace();
            String op = word();
            if (op == null) throw error("An operator is expected after '" + attribute + "'");
            op = op.toLowerCase(Locale.ROOT);
            if (op.equals("pr")) return new Present(attribute);
            if (!List.of("eq", "ne", "co", "sw", "ew", "gt", "ge", "lt", "le").contains(op)) {
                throw error("Unknown operator '" + op + "'");
            }
            skipSpace();
            return new Compare(attribute, op, value());
        }

        private String attributePath() {
            skipSpace();
            int start = i;
            while (i < s.length()
                    && (Character.isLetterOrDigit(s.charAt(i))
                            || s.charAt(i) == '.'
                            || s.charAt(i) == '_'
                            || s.charAt(i) == '$'
                            || s.charAt(i) == ':')) i++;
            if (start == i || !Character.isLetter(s.charAt(start))) throw error("An attribute name is expected");
            return s.substring(start, i);
        }

        private Object value() {
            if (i < s.length() && s.charAt(i) == '"') return string();
            String w = word();
            if (w == null) {
                int start = i;
                while (i < s.length() && "+-.0123456789eE".indexOf(s.charAt(i)) >= 0) i++;
                w = s.substring(start, i);
                if (w.isEmpty()) throw error("A value is expected");
                try {
                    return w.contains(".") || w.contains("e") || w.contains("E")
                            ? (Object) Double.parseDouble(w)
                            : (Object) Long.parseLong(w);
                } catch (NumberFormatException e) {
                    throw error("'" + w + "' is not a number");
                }
            }
            return switch (w.toLowerCase(Locale.ROOT)) {
                case "true" -> Boolean.TRUE;
                case "false" -> Boolean.FALSE;
                case "null" -> null;
                default -> throw error("Values must be quoted strings, numbers, true, false or null");
            };
        }

        private String string() {
            StringBuilder out = new StringBuilder();
            i++; // opening quote
            while (i < s.length()) {
                char c = s.charAt(i++);
                if (c == '"') return out.toString();
                if (c == '\\') {
                    if (i >= s.length()) break;
                    char e = s.charAt(i++);
                    switch (e) {
                        case '"', '\\', '/' -> out.append(e);
                        case 'n' -> out.append('\n');
                        case 't' -> out.append('\t');
                        case 'r' -> out.append('\r');
                        case 'b' -> out.append('\b');
                        case 'f' -> out.append('\f');
                        case 'u' -> {
                            if (i + 4 > s.length()) throw error("Bad \\u escape");
                            try {
                                out.append((char) Integer.parseInt(s.substring(i, i + 4), 16));
                            } catch (NumberFormatException ex) {
                                throw error("Bad \\u escape");
                            }
                            i += 4;
                        }
                        default -> throw error("Bad escape '\\" + e + "'");
                    }
                } else {
                    out.append(c);
                }
            }
            throw error("Unterminated string");
        }

        private String word() {
            skipSpace();
            int start = i;
            while (i < s.length() && Character.isLetter(s.charAt(i))) i++;
            return start == i ? null : s.substring(start, i);
        }

        private boolean keyword(String k) {
            skipSpace();
            int end = i + k.length();
            if (end <= s.length()
                    && s.substring(i, end).equalsIgnoreCase(k)
                    && (end == s.length() || !Character.isLetterOrDigit(s.charAt(end)))
                    && (k.equals("not") ? true : end == s.length() || s.charAt(end) == ' ' || s.charAt(end) == '(')) {
                i = end;
                return true;
            }
            return false;
        }

        private boolean consume(char c) {
            skipSpace();
            if (i < s.length() && s.charAt(i) == c) {
                i++;
                return true;
            }
            return false;
        }

        void skipSpace() {
            while (i < s.length() && Character.isWhitespace(s.charAt(i))) i++;
        }

        boolean atEnd() {
            return i >= s.length();
        }

        ApiException error(String what) {
            return FilterSql.invalid(what + " at position " + i + " of the filter.", null, null);
        }
    }
}
