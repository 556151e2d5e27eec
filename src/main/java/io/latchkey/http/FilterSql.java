package io.latchkey.http;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Translates a {@link ScimFilter} into a parameterised SQL condition over a fixed map of attributes to
 * columns. Values are always bound, never spliced into the SQL; attributes and operators outside the map
 * are refused with 400 INVALID_FILTER naming what is supported.
 */
public final class FilterSql {
    /** How one filterable attribute maps to SQL. */
    public record Column(String sql, Type type, Set<String> operators, String anyRowOf) {
        public Column(String sql, Type type, Set<String> operators) {
            this(sql, type, operators, null);
        }

        /**
         * A lower-cased text value held in rows of another table, any of which may match (a multi-valued attribute):
         * {@code anyRowOf} is {@code <table> <alias> where <join to the filtered row>}, and a condition on {@code sql}
         * becomes {@code exists (select 1 from <anyRowOf> and <condition>)}.
         */
        public static Column anyRow(String anyRowOf, String sql, Set<String> ops) {
            return new Column(sql, Type.TEXT_LOWER, ops, anyRowOf);
        }

        /** A case-insensitive text column: {@code sql} must hold lower-cased values. */
        public static Column text(String sql, Set<String> ops) {
            return new Column(sql, Type.TEXT_LOWER, ops);
        }

        public static Column exact(String sql, Set<String> ops) {
            return new Column(sql, Type.TEXT_EXACT, ops);
        }

        public static Column bool(String sql) {
            return new Column(sql, Type.BOOLEAN, Set.of("eq", "ne", "pr"));
        }
    }

    public enum Type {
        TEXT_LOWER,
        TEXT_EXACT,
        BOOLEAN
    }

    /**
     * How {@code attribute[filter]} maps to SQL: {@code template} with {@code %s} where the inner filter's condition
     * (over {@code inner}'s columns) goes, e.g. {@code u.id in (select ... where %s)}.
     */
    public record ValuePath(String template, FilterSql inner) {}

    /** The SQL condition and its bind values ({@code :f0, :f1, ...}). */
    public record Where(String sql, Map<String, Object> params) {}

    private final Map<String, Column> columns;
    private final Map<String, Column> columnsLower = new LinkedHashMap<>();
    private final Map<String, ValuePath> valuePaths = new LinkedHashMap<>();
    private final List<String> valuePathNames;

    public FilterSql(Map<String, Column> columns) {
        this(columns, Map.of());
    }

    public FilterSql(Map<String, Column> columns, Map<String, ValuePath> valuePaths) {
        this.columns = columns;
        columns.forEach((k, v) -> columnsLower.put(k.toLowerCase(Locale.ROOT), v));
        valuePaths.forEach((k, v) -> this.valuePaths.put(k.toLowerCase(Locale.ROOT), v));
        this.valuePathNames = List.copyOf(valuePaths.keySet());
    }

    public Where translate(String filterText) {
        ScimFilter f;
        try {
            f = ScimFilter.parse(filterText);
        } catch (ApiException e) {
            throw invalid(e.details().get(0).message(), supported(), null);
        }
        return translate(f);
    }

    /** As {@link #translate(String)}, for a filter the caller parsed (and checked or rewritten) itself. */
    public Where translate(ScimFilter f) {
        Map<String, Object> params = new LinkedHashMap<>();
        String sql = sql(f, params);
        return new Where(sql, params);
    }

    private String sql(ScimFilter f, Map<String, Object> params) {
        return switch (f) {
            case ScimFilter.And a -> "(" + sql(a.left(), params) + " and " + sql(a.right(), params) + ")";
            case ScimFilter.Or o -> "(" + sql(o.left(), params) + " or " + sql(o.right(), params) + ")";
            case ScimFilter.Not n -> "(not " + sql(n.inner(), params) + ")";
            case ScimFilter.Present p -> {
                Column c = column(p.attribute(), "pr");
                yield anyRow(
                        c,
                        c.type() == Type.BOOLEAN
                                ? "(" + c.sql() + " is not null)"
                                : "(" + c.sql() + " is not null and " + c.sql() + " <> '')");
            }
            case ScimFilter.Compare c -> anyRow(column(c.attribute(), c.operator()), compare(c, params));
            case ScimFilter.ValuePath v -> {
                ValuePath path = valuePaths.get(v.attribute().toLowerCase(Locale.ROOT));
                if (path == null) {
                    throw invalid(
                            "The attribute '" + v.attribute() + "' cannot be filtered on with [...].",
                            supported(),
                            null);
                }
                yield "(" + path.template().formatted(path.inner().sql(v.filter(), params)) + ")";
            }
        };
    }

    private static String anyRow(Column c, String condition) {
        return c.anyRowOf() == null ? condition : "exists (select 1 from " + c.anyRowOf() + " and " + condition + ")";
    }

    private String compare(ScimFilter.Compare cmp, Map<String, Object> params) {
        Column c = column(cmp.attribute(), cmp.operator());
        String op = cmp.operator();
        Object value = cmp.value();
        if (value == null) {
            if (op.equals("eq")) return "(" + c.sql() + " is null)";
            if (op.equals("ne")) return "(" + c.sql() + " is not null)";
            throw invalid("'" + op + "' needs a value other than null.", null, null);
        }
        String name = "f" + params.size();
        if (c.type() == Type.BOOLEAN) {
            if (!(value instanceof Boolean))
                throw invalid("'" + cmp.attribute() + "' takes true or false.", null, null);
            params.put(name, value);
            return "(" + c.sql() + (op.equals("eq") ? " = :" : " <> :") + name + ")";
        }
        if (!(value instanceof String s)) throw invalid("'" + cmp.attribute() + "' takes a quoted string.", null, null);
        if (s.indexOf('\0') >= 0) throw invalid("Filter values must not contain the character U+0000.", null, null);
        if (c.type() == Type.TEXT_LOWER) s = s.toLowerCase(Locale.ROOT);
        return switch (op) {
            case "eq" -> bind(params, name, s, "(" + c.sql() + " = :" + name + ")");
            case "ne" -> bind(params, name, s, "(" + c.sql() + " is null or " + c.sql() + " <> :" + name + ")");
            case "sw" -> bind(params, name, escapeLike(s) + "%", "(" + c.sql() + " like :" + name + " escape '\\')");
            case "ew" -> bind(params, name, "%" + escapeLike(s), "(" + c.sql() + " like :" + name + " escape '\\')");
            case "co" ->
                bind(params, name, "%" + escapeLike(s) + "%", "(" + c.sql() + " like :" + name + " escape '\\')");
            case "gt" -> bind(params, name, s, "(" + c.sql() + " > :" + name + ")");
            case "ge" -> bind(params, name, s, "(" + c.sql() + " >= :" + name + ")");
            case "lt" -> bind(params, name, s, "(" + c.sql() + " < :" + name + ")");
            case "le" -> bind(params, name, s, "(" + c.sql() + " <= :" + name + ")");
            default -> throw invalid("Unknown operator '" + op + "'.", null, null);
        };
    }

    private static String bind(Map<String, Object> params, String name, Object value, String sql) {
        params.put(name, value);
        return sql;
    }

    private Column column(String attribute, String operator) {
        Column c = columnsLower.get(attribute.toLowerCase(Locale.ROOT));
        if (c == null) {
            throw invalid("The attribute '" + attribute + "' cannot be filtered on.", supported(), null);
        }
        if (!c.operators().contains(operator)) {
            throw invalid(
                    "The operator '" + operator + "' is not supported for '" + attribute + "'.",
                    supported(),
                    new ArrayList<>(c.operators()));
        }
        return c;
    }

    /** The attributes a filter may name: the columns, then the multi-valued ones ({@code memberOfGroups}). */
    private List<String> supported() {
        List<String> out = new ArrayList<>(columns.keySet());
        out.addAll(valuePathNames);
        return out;
    }

    static String escapeLike(String s) {
        return s.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
    }

    static ApiException invalid(String message, List<String> attributes, List<String> operators) {
        Map<String, Object> inner = new LinkedHashMap<>();
        inner.put(
                "supportedOperators",
                operators != null ? operators.stream().sorted().toList() : ScimFilter.OPERATORS);
        if (attributes != null) inner.put("supportedAttributes", attributes);
        return ApiException.invalidData(new ErrorDetail("INVALID_FILTER", "filter", message, inner));
    }
}
