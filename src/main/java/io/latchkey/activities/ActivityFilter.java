package io.latchkey.activities;

import io.latchkey.http.ApiException;
import io.latchkey.http.ErrorDetail;
import io.latchkey.http.FilterSql;
import io.latchkey.http.ScimFilter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * What {@code /activities?filter=...} takes (PingOne's audit filter): a time range on {@code recordedAt} (or its
 * synonym {@code createdAt}) is required, with a lower ({@code gt}/{@code ge}) and an upper ({@code lt}/{@code le})
 * bound joined to the rest with {@code and}, as PingOne requires start and end dates; then {@code eq} on the action
 * type, the actors, the resource, the result and the correlation id.
 */
final class ActivityFilter {
    private static final Set<String> TIME_OPS = Set.of("gt", "ge", "lt", "le");
    private static final Set<String> EQ = Set.of("eq");
    private static final Set<String> TIME_ATTRIBUTES = Set.of("recordedat", "createdat");

    private static final FilterSql SQL;

    static {
        Map<String, FilterSql.Column> m = new LinkedHashMap<>();
        m.put("recordedAt", FilterSql.Column.exact("recorded_at", TIME_OPS));
        m.put("createdAt", FilterSql.Column.exact("recorded_at", TIME_OPS));
        m.put("action.type", FilterSql.Column.exact("action_type", EQ));
        m.put("actors.user.id", FilterSql.Column.exact("actor_user_id", EQ));
        m.put("actors.client.id", FilterSql.Column.exact("actor_client_id", EQ));
        m.put("resources.id", FilterSql.Column.exact("resource_id", EQ));
        m.put("resources.type", FilterSql.Column.exact("resource_type", EQ));
        m.put("result.status", FilterSql.Column.exact("result_status", EQ));
        m.put("correlationId", FilterSql.Column.exact("correlation_id", EQ));
        SQL = new FilterSql(m);
    }

    private ActivityFilter() {}

    /** The SQL condition of {@code text}, or 400 INVALID_FILTER when it is absent, malformed or has no time range. */
    static FilterSql.Where translate(String text) {
        if (text == null || text.isBlank()) throw invalid("A filter with a time range on recordedAt is required.");
        ScimFilter parsed;
        try {
            parsed = ScimFilter.parse(text);
        } catch (ApiException e) {
            // FilterSql words the same failure with the supported attributes.
            SQL.translate(text);
            throw e;
        }
        ScimFilter f = withTimesNormalized(parsed);
        boolean from = false;
        boolean to = false;
        for (ScimFilter clause : conjuncts(f)) {
            if (clause instanceof ScimFilter.Compare c && isTime(c.attribute())) {
                from |= c.operator().equals("gt") || c.operator().equals("ge");
                to |= c.operator().equals("lt") || c.operator().equals("le");
            }
        }
        if (!from || !to)
            throw invalid(
                    "The filter must bound recordedAt from below (gt, ge) and above (lt, le), joined with 'and'.");
        return SQL.translate(f);
    }

    private static List<ScimFilter> conjuncts(ScimFilter f) {
        List<ScimFilter> out = new ArrayList<>();
        if (f instanceof ScimFilter.And a) {
            out.addAll(conjuncts(a.left()));
            out.addAll(conjuncts(a.right()));
        } else {
            out.add(f);
        }
        return out;
    }

    /** Every time in the filter in the stored fixed form, so that text comparison is time comparison. */
    private static ScimFilter withTimesNormalized(ScimFilter f) {
        return switch (f) {
            case ScimFilter.And a -> new ScimFilter.And(withTimesNormalized(a.left()), withTimesNormalized(a.right()));
            case ScimFilter.Or o -> new ScimFilter.Or(withTimesNormalized(o.left()), withTimesNormalized(o.right()));
            case ScimFilter.Not n -> new ScimFilter.Not(withTimesNormalized(n.inner()));
            case ScimFilter.Compare c
            when isTime(c.attribute()) && c.value() instanceof String s ->
                new ScimFilter.Compare(
                        c.attribute(),
                        c.operator(),
                        ActivityTimes.normalize(s)
                                .orElseThrow(() -> invalid("'" + c.attribute()
                                        + "' takes an ISO-8601 time such as \"2026-01-31T00:00:00.000Z\".")));
            case ScimFilter.Compare c
            when isTime(c.attribute()) ->
                throw invalid(
                        "'" + c.attribute() + "' takes a quoted ISO-8601 time such as \"2026-01-31T00:00:00.000Z\".");
            default -> f;
        };
    }

    private static boolean isTime(String attribute) {
        return TIME_ATTRIBUTES.contains(attribute.toLowerCase(Locale.ROOT));
    }

    private static ApiException invalid(String message) {
        return ApiException.invalidData(new ErrorDetail(
                "INVALID_FILTER",
                "filter",
                message,
                Map.of(
                        "supportedAttributes",
                        List.of(
                                "recordedAt",
                                "createdAt",
                                "action.type",
                                "actors.user.id",
                                "actors.client.id",
                                "resources.id",
                                "resources.type",
                                "result.status",
                                "correlationId"))));
    }
}
