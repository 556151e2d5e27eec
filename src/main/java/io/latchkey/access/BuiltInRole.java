package io.latchkey.access;

import static io.latchkey.access.Permission.*;

import java.util.Arrays;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;

/** PingOne's built-in administrator roles (rows of {@code roles}, fixed ids) and what each may do. */
public enum BuiltInRole {
    ORGANIZATION_ADMIN(
            "1a4e8b6e-0001-4c2e-9d7a-0d6e0a000001",
            "Organization Admin",
            EnumSet.of(ENVIRONMENTS_CREATE, ENVIRONMENT_READ, ENVIRONMENT_WRITE)),
    ENVIRONMENT_ADMIN(
            "1a4e8b6e-0001-4c2e-9d7a-0d6e0a000002",
            "Environment Admin",
            EnumSet.of(
                    ENVIRONMENTS_CREATE,
                    ENVIRONMENT_READ,
                    ENVIRONMENT_WRITE,
                    APPLICATIONS_READ,
                    APPLICATIONS_WRITE,
                    CONFIGURATION_READ,
                    CONFIGURATION_WRITE)),
    IDENTITY_DATA_ADMIN(
            "1a4e8b6e-0001-4c2e-9d7a-0d6e0a000003",
            "Identity Data Admin",
            EnumSet.of(ENVIRONMENT_READ, IDENTITIES_READ, IDENTITIES_WRITE)),
    IDENTITY_DATA_READ_ONLY(
            "1a4e8b6e-0001-4c2e-9d7a-0d6e0a000004",
            "Identity Data Read Only",
            EnumSet.of(ENVIRONMENT_READ, IDENTITIES_READ)),
    CLIENT_APPLICATION_DEVELOPER(
            "1a4e8b6e-0001-4c2e-9d7a-0d6e0a000005",
            "Client Application Developer",
            EnumSet.of(ENVIRONMENT_READ, APPLICATIONS_READ, APPLICATIONS_WRITE)),
    CONFIGURATION_READ_ONLY(
            "1a4e8b6e-0001-4c2e-9d7a-0d6e0a000006",
            "Configuration Read Only",
            EnumSet.of(ENVIRONMENT_READ, APPLICATIONS_READ, CONFIGURATION_READ)),
    APPLICATION_OWNER(
            "1a4e8b6e-0001-4c2e-9d7a-0d6e0a000007",
            "Application Owner",
            EnumSet.of(APPLICATIONS_READ, APPLICATIONS_WRITE));

    private final String id;
    private final String roleName;
    private final Set<Permission> permissions;

    BuiltInRole(String id, String roleName, Set<Permission> permissions) {
        this.id = id;
        this.roleName = roleName;
        this.permissions = permissions;
    }

    public String id() {
        return id;
    }

    public String roleName() {
        return roleName;
    }

    public Set<Permission> permissions() {
        return permissions;
    }

    public static Optional<BuiltInRole> byId(String id) {
        return Arrays.stream(values()).filter(r -> r.id.equals(id)).findFirst();
    }
}
