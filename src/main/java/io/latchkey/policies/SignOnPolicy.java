package io.latchkey.policies;

import com.fasterxml.jackson.databind.node.ObjectNode;

/** A sign-on policy: an ordered list of actions; exactly one policy of an environment is its default. */
public record SignOnPolicy(
        String id,
        String environmentId,
        String name,
        boolean isDefault,
        ObjectNode doc,
        long createdAt,
        long updatedAt) {}
