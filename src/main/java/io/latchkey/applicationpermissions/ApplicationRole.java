package io.latchkey.applicationpermissions;

/** A named set of application permissions that users can be given. Names are unique in an environment. */
public record ApplicationRole(
        String id, String environmentId, String name, String description, long createdAt, long updatedAt) {}
