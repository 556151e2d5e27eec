package db.migration;

import java.sql.Statement;
import org.flywaydb.core.api.migration.BaseJavaMigration;
import org.flywaydb.core.api.migration.Context;

/**
 * Custom user attributes (PingOne's schema attributes, feature {@code schemas}) and their values.
 *
 * <p>Values live in a table of their own, one row per value (a multi-valued attribute has several), not in
 * {@code users.doc}: a SCIM filter on a custom attribute is then an {@code exists} over indexed rows, the same SQL on
 * H2 and PostgreSQL, and "any value matches" for multi-valued attributes comes for free; deleting an attribute
 * deletes its values by cascade, and disabling one hides them without touching the users. STRING values carry a
 * lower-cased copy for filters and case-insensitive uniqueness; JSON values are kept as JSON text only.
 *
 * <p>Java because of the index: as in V11, PostgreSQL needs {@code varchar_pattern_ops} for {@code sw} (prefix
 * LIKE) to use it under any collation; H2 has no operator classes.
 */
public class V65__Custom_user_attributes extends BaseJavaMigration {
    @Override
    public void migrate(Context context) throws Exception {
        boolean postgres = context.getConnection()
                .getMetaData()
                .getDatabaseProductName()
                .toLowerCase()
                .contains("postgres");
        try (Statement s = context.getConnection().createStatement()) {
            s.execute("""
                    create table schema_attributes (
                        id              varchar(36) primary key,
                        environment_id  varchar(36) not null references environments (id) on delete cascade,
                        name            varchar(256) not null,
                        -- Names are unique regardless of case: SCIM filters name attributes case-insensitively.
                        name_lower      varchar not null,
                        type            varchar(16) not null,
                        enabled         boolean not null,
                        unique_values   boolean not null,
                        multi_valued    boolean not null,
                        -- required, displayName, description, enumeratedValues, regexValidation
                        doc             text not null,
                        created_at      bigint not null,
                        updated_at      bigint not null,
                        constraint schema_attributes_name_unique unique (environment_id, name_lower)
                    )""");
            s.execute("""
                    create table user_attribute_values (
                        environment_id  varchar(36) not null references environments (id) on delete cascade,
                        user_id         varchar(36) not null references users (id) on delete cascade,
                        attribute_id    varchar(36) not null references schema_attributes (id) on delete cascade,
                        position        integer not null,
                        value_text      text not null,
                        value_lower     varchar,
                        primary key (user_id, attribute_id, position)
                    )""");
            s.execute("create index user_attribute_values_search on user_attribute_values (attribute_id, value_lower"
                    + (postgres ? " varchar_pattern_ops)" : ")"));
        }
    }
}
