package io.latchkey.applicationpermissions;

/**
 * A PingOne Authorize application resource: a protected feature of an application (e.g. {@code invoices}),
 * child of one CUSTOM resource (its "parent", the resource server). Its name prefixes its permissions' keys.
 */
public record ApplicationResource(
        String id,
        String environmentId,
        String resourceId,
        String name,
        String description,
        long createdAt,
        long updatedAt) {}
