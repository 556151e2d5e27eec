package io.latchkey.populations;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * A population. {@code passwordPolicyId} is null when the environment's default policy applies; {@code doc} holds
 * description, theme, preferredLanguage and alternativeIdentifiers.
 */
public record Population(
        String id,
        String environmentId,
        String name,
        boolean isDefault,
        String passwordPolicyId,
        ObjectNode doc,
        long createdAt,
        long updatedAt) {}
