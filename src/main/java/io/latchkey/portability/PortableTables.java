package io.latchkey.portability;

import java.util.List;

/**
 * The tables an export holds, in an order where every row's references come before it, so that an import can insert
 * in this order. Runtime state (flows, sessions, codes, tokens, device authorizations) is not configuration and stays
 * out; so do signing keys (each environment gets a new one when it first signs) and users' MFA devices.
 */
final class PortableTables {
    private static final List<String> CLIENT_SECRETS = List.of("secret_enc", "previous_secret_enc");

    static final List<PortableTable> ALL = List.of(
            new PortableTable("environments", "environments", false, "id = :env", List.of()),
            PortableTable.of("password_policies"),
            PortableTable.of("populations"),
            PortableTable.of("schema_attributes"),
            new PortableTable("resources", "resources", false, "environment_id = :env", CLIENT_SECRETS),
            PortableTable.of("resource_scopes"),
            PortableTable.of("resource_attributes"),
            PortableTable.of("resource_scope_claims"),
            new PortableTable("applications", "applications", false, "environment_id = :env", CLIENT_SECRETS),
            PortableTable.of("application_grants"),
            new PortableTable(
                    "application_grant_scopes",
                    "application_grant_scopes",
                    false,
                    "grant_id in (select id from application_grants where environment_id = :env)",
                    List.of()),
            PortableTable.of("application_attribute_mappings"),
            PortableTable.of("sign_on_policies"),
            PortableTable.of("sign_on_policy_actions"),
            PortableTable.of("sign_on_policy_assignments"),
            new PortableTable(
                    "role_assignments",
                    "role_assignments",
                    false,
                    "environment_id = :env and subject_type <> 'USER'",
                    List.of()),
            PortableTable.of("application_resources"),
            PortableTable.of("application_permissions"),
            PortableTable.of("application_roles"),
            PortableTable.of("application_role_permissions"),
            PortableTable.of("mfa_settings"),
            PortableTable.of("fido2_policies"),
            PortableTable.of("device_authentication_policies"),
            PortableTable.of("mfa_policy_defaults"),
            PortableTable.of("identity_groups"),
            PortableTable.of("group_nestings"),
            PortableTable.of("group_closure"),
            PortableTable.ofUsers("users"),
            PortableTable.ofUsers("user_passwords"),
            PortableTable.ofUsers("password_history"),
            PortableTable.ofUsers("user_attribute_values"),
            PortableTable.ofUsers("group_members"),
            PortableTable.ofUsers("user_application_roles"),
            new PortableTable(
                    "user_role_assignments",
                    "role_assignments",
                    true,
                    "environment_id = :env and subject_type = 'USER'",
                    List.of()));

    private PortableTables() {}

    static java.util.Optional<PortableTable> named(String name) {
        return ALL.stream().filter(t -> t.name().equals(name)).findFirst();
    }
}
