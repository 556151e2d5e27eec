package io.latchkey.http;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Iterator;
import java.util.Map;

/** Finds a NUL character in a JSON request body: PostgreSQL text cannot hold one, so it is refused up front. */
final class JsonNul {
    private JsonNul() {}

    private record Visit(String path, JsonNode node) {}

    /** The path (e.g. {@code name.given}, {@code redirectUris[2]}) of the first string holding a NUL, or null. */
    static String find(JsonNode root) {
        Deque<Visit> todo = new ArrayDeque<>();
        todo.push(new Visit("", root));
        while (!todo.isEmpty()) {
            Visit v = todo.pop();
            JsonNode n = v.node();
            if (n.isTextual()) {
                if (n.textValue().indexOf('\0') >= 0) return v.path().isEmpty() ? "body" : v.path();
            } else if (n.isArray()) {
                for (int i = 0; i < n.size(); i++) todo.push(new Visit(v.path() + "[" + i + "]", n.get(i)));
            } else if (n.isObject()) {
                for (Iterator<Map.Entry<String, JsonNode>> it = n.fields(); it.hasNext(); ) {
                    Map.Entry<String, JsonNode> e = it.next();
                    String path = v.path().isEmpty() ? e.getKey() : v.path() + "." + e.getKey();
                    if (e.getKey().indexOf('\0') >= 0) return v.path().isEmpty() ? "body" : v.path();
                    todo.push(new Visit(path, e.getValue()));
                }
            }
        }
        return null;
    }
}
