package io.latchkey.groups;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * A group. {@code populationId} is null for an environment group; {@code doc} holds description, userFilter and
 * customData.
 */
public record Group(
        String id,
        String environmentId,
        String populationId,
        String name,
        String externalId,
        ObjectNode doc,
        long createdAt,
        long updatedAt) {}
