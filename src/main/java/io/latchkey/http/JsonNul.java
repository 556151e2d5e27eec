package io.latchkey.http;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/** Finds NUL characters in a JSON request body: PostgreSQL text cannot hold one, so they are refused up front. */
final class JsonNul {
    private JsonNul() {}

    /** The paths (e.g. {@code name.given}, {@code redirectUris[2]}) of the strings holding a NUL, in document order. */
    static List<String> find(JsonNode root) {
        List<String> found = new ArrayList<>();
        walk("", root, found);
        return found;
    }

    // Recursion is bounded: Jackson refuses documents nested deeper than its limit (1,000) before we get here.
    private static void walk(String path, JsonNode n, List<String> found) {
        if (n.isTextual()) {
            if (n.textValue().indexOf('\0') >= 0) found.add(path.isEmpty() ? "body" : path);
        } else if (n.isArray()) {
            for (int i = 0; i < n.size(); i++) walk(path + "[" + i + "]", n.get(i), found);
        } else if (n.isObject()) {
            for (Iterator<Map.Entry<String, JsonNode>> it = n.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                if (e.getKey().indexOf('\0') >= 0) {
                    found.add(path.isEmpty() ? "body" : path);
                    continue;
                }
                walk(path.isEmpty() ? e.getKey() : path + "." + e.getKey(), e.getValue(), found);
            }
        }
    }
}
