package io.latchkey.users;

import com.fasterxml.jackson.databind.node.ObjectNode;

/** PLACEHOLDER until the identity branch lands (same signature as agreed). */
public record User(String id, String environmentId, String populationId, String username, String email, boolean enabled,
                   ObjectNode json) {}
