package io.latchkey.applicationpermissions;

/**
 * An action on an application resource. {@code key} ({@code "<applicationResourceName>:<action>"}) is what the
 * {@code p1.permissions} claim lists; it is computed from the current names, never stored.
 */
public record ApplicationPermission(
        String id,
        String environmentId,
        String applicationResourceId,
        String applicationResourceName,
        String resourceId,
        String action,
        String description,
        long createdAt,
        long updatedAt) {

    public String key() {
        return applicationResourceName + ":" + action;
    }
}
