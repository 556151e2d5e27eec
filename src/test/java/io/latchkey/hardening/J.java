package io.latchkey.hardening;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;

/** Compact JSON for request templates: {@code obj("name", "x", "scopes", arr(obj("id", s)))}. */
final class J {
    static final ObjectMapper MAPPER = new ObjectMapper();
    private static final JsonNodeFactory F = JsonNodeFactory.instance;

    private J() {}

    static ObjectNode obj(Object... keyValues) {
        ObjectNode n = F.objectNode();
        for (int i = 0; i < keyValues.length; i += 2) n.set((String) keyValues[i], node(keyValues[i + 1]));
        return n;
    }

    static ArrayNode arr(Object... items) {
        ArrayNode a = F.arrayNode();
        for (Object o : items) a.add(node(o));
        return a;
    }

    static JsonNode node(Object v) {
        return switch (v) {
            case null -> F.nullNode();
            case JsonNode n -> n;
            case String s -> F.textNode(s);
            case Integer i -> F.numberNode(i);
            case Long l -> F.numberNode(l);
            case Boolean b -> F.booleanNode(b);
            default -> throw new IllegalArgumentException(v.getClass().getName());
        };
    }

    static String write(JsonNode n) {
        try {
            return MAPPER.writeValueAsString(n);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The answer's body as JSON, or null when it is not JSON. */
    static JsonNode parseOrNull(byte[] body) {
        if (body.length == 0) return null;
        try {
            return MAPPER.readTree(body);
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }
}
