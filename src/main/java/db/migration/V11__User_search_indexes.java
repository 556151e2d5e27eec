package db.migration;

import java.sql.Statement;
import org.flywaydb.core.api.migration.BaseJavaMigration;
import org.flywaydb.core.api.migration.Context;

/**
 * Indexes behind {@code GET /users?filter=...}: one per searchable attribute, led by the environment id.
 *
 * <p>Written in Java because the one SQL dialect cannot say it: on PostgreSQL a {@code sw} filter becomes
 * {@code LIKE 'prefix%'}, which a plain b-tree index serves only under the C collation; the
 * {@code varchar_pattern_ops} operator class serves it under any collation (and still serves {@code =}).
 * H2 has no operator classes and compares strings by code unit, so its plain index serves both.
 */
public class V11__User_search_indexes extends BaseJavaMigration {
    private static final String[][] INDEXES = {
        {"users_username_prefix", "username_lower"},
        {"users_email", "email_lower"},
        {"users_given", "given_lower"},
        {"users_family", "family_lower"},
        {"users_external_id", "external_id_lower"},
        {"users_account_id", "account_id_lower"},
        {"users_mobile_phone", "mobile_phone_lower"},
    };

    @Override
    public void migrate(Context context) throws Exception {
        boolean postgres = context.getConnection()
                .getMetaData()
                .getDatabaseProductName()
                .toLowerCase()
                .contains("postgres");
        try (Statement s = context.getConnection().createStatement()) {
            for (String[] index : INDEXES) {
                // On H2 the unique constraint's index on (environment_id, username_lower) already serves prefixes.
                if (!postgres && index[1].equals("username_lower")) continue;
                String column = postgres ? index[1] + " varchar_pattern_ops" : index[1];
                s.execute("create index " + index[0] + " on users (environment_id, " + column + ")");
            }
        }
    }
}
