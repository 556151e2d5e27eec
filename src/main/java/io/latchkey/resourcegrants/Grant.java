package io.latchkey.resourcegrants;

import java.util.List;

/** An application's grant of some scopes of one resource ({@code ApplicationResourceGrant}). */
public record Grant(
        String id,
        String environmentId,
        String applicationId,
        String resourceId,
        List<String> scopeIds,
        long createdAt,
        long updatedAt) {}
