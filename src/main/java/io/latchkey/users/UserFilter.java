package io.latchkey.users;

import io.latchkey.http.FilterSql;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * What {@code GET /users?filter=...} can filter on: each attribute maps to a lower-cased search column of
 * {@code users} (written with the row, see {@link UserStore}), so a filter is plain parameterised SQL.
 * {@code eq} and {@code sw} use an index on the common attributes (username, email, name.given, name.family,
 * externalId, accountId, mobilePhone, population.id, id); {@code ew}, {@code co} and the other attributes scan
 * the environment's rows in the database.
 */
final class UserFilter {
    private UserFilter() {}

    static final Set<String> TEXT_OPS = Set.of("eq", "ne", "sw", "ew", "co", "pr");

    /** attribute → column (the SQL alias of users is {@code u}). */
    static final Map<String, String> TEXT_COLUMNS = new LinkedHashMap<>();

    static {
        TEXT_COLUMNS.put("username", "username_lower");
        TEXT_COLUMNS.put("email", "email_lower");
        TEXT_COLUMNS.put("name.given", "given_lower");
        TEXT_COLUMNS.put("name.family", "family_lower");
        TEXT_COLUMNS.put("name.middle", "middle_lower");
        TEXT_COLUMNS.put("name.formatted", "formatted_lower");
        TEXT_COLUMNS.put("nickname", "nickname_lower");
        TEXT_COLUMNS.put("title", "title_lower");
        TEXT_COLUMNS.put("type", "type_lower");
        TEXT_COLUMNS.put("locale", "locale_lower");
        TEXT_COLUMNS.put("preferredLanguage", "preferred_language_lower");
        TEXT_COLUMNS.put("timezone", "timezone_lower");
        TEXT_COLUMNS.put("mobilePhone", "mobile_phone_lower");
        TEXT_COLUMNS.put("primaryPhone", "primary_phone_lower");
        TEXT_COLUMNS.put("externalId", "external_id_lower");
        TEXT_COLUMNS.put("accountId", "account_id_lower");
        TEXT_COLUMNS.put("address.streetAddress", "street_lower");
        TEXT_COLUMNS.put("address.locality", "locality_lower");
        TEXT_COLUMNS.put("address.region", "region_lower");
        TEXT_COLUMNS.put("address.postalCode", "postal_code_lower");
        TEXT_COLUMNS.put("address.countryCode", "country_code_lower");
    }

    static final FilterSql FILTER;

    private static final Map<String, FilterSql.Column> STANDARD = new LinkedHashMap<>();
    /** {@code memberOfGroups[id eq "..."]}: members at any depth of nesting (see groups.UserGroups). */
    private static final Map<String, FilterSql.ValuePath> VALUE_PATHS =
            Map.of("memberOfGroups", io.latchkey.groups.UserGroups.MEMBER_OF_GROUPS);

    /** The filter over the standard attributes and, after them, the environment's custom ones. */
    static FilterSql with(Map<String, FilterSql.Column> custom) {
        if (custom.isEmpty()) return FILTER;
        Map<String, FilterSql.Column> m = new LinkedHashMap<>(STANDARD);
        custom.forEach(m::putIfAbsent);
        return new FilterSql(m, VALUE_PATHS);
    }

    static {
        Map<String, FilterSql.Column> m = new LinkedHashMap<>();
        m.put("id", FilterSql.Column.exact("u.id", Set.of("eq", "ne")));
        TEXT_COLUMNS.forEach((attribute, column) -> m.put(attribute, FilterSql.Column.text("u." + column, TEXT_OPS)));
        m.put("population.id", FilterSql.Column.exact("u.population_id", Set.of("eq", "ne")));
        m.put("enabled", FilterSql.Column.bool("u.enabled"));
        m.put("lifecycle.status", FilterSql.Column.exact("u.lifecycle_status", Set.of("eq", "ne")));
        STANDARD.putAll(m);
        FILTER = new FilterSql(m, VALUE_PATHS);
    }
}
