package io.latchkey.resources;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;

/**
 * A scope of a resource. {@code doc} holds {@code description} and, for PINGONE_API scopes,
 * {@code schemaAttributes}; {@code mappedClaims} (ids of attributes of the same resource) applies to the
 * {@code openid} resource only.
 */
public record ResourceScope(
        String id,
        String environmentId,
        String resourceId,
        String name,
        ObjectNode doc,
        List<String> mappedClaims,
        long createdAt,
        long updatedAt) {}
