package io.latchkey.applicationpermissions;

/** One application role held by one user ({@code id} is the assignment's own id, shown by the role's view). */
public record UserApplicationRole(
        String id, String environmentId, String userId, ApplicationRole role, long createdAt) {}
