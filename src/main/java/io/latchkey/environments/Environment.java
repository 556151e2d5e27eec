package io.latchkey.environments;

import com.fasterxml.jackson.databind.node.ObjectNode;

/** An environment; {@code doc} holds description, license, icon and bill of materials. */
public record Environment(
        String id, String name, String region, String type, ObjectNode doc, long createdAt, long updatedAt) {}
