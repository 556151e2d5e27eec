package io.latchkey.hardening;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Building hostile JSON bodies from a valid one: the nodes of a body by path ({@code name.given},
 * {@code scopes[0].id}), a copy with one node replaced, and text no JSON library would write (a lone surrogate
 * escape, {@code 1e400}, {@code NaN}, bytes that are not UTF-8) spliced in through placeholders.
 */
final class Bodies {
    private static final JsonNodeFactory F = JsonNodeFactory.instance;

    private Bodies() {}

    /** A node of a body: its path as targets name it, the way to reach it, its value. */
    record Node(String path, List<Object> steps, JsonNode value) {
        boolean isContainer() {
            return value.isContainerNode();
        }
    }

    /** Every node under the root (objects' fields, arrays' first item), parents before children. */
    static List<Node> nodes(ObjectNode root) {
        List<Node> out = new ArrayList<>();
        walk(root, "", new ArrayList<>(), out);
        return out;
    }

    private static void walk(JsonNode n, String prefix, List<Object> steps, List<Node> out) {
        if (n.isObject()) {
            for (Map.Entry<String, JsonNode> e : n.properties()) {
                String path = prefix.isEmpty() ? e.getKey() : prefix + "." + e.getKey();
                List<Object> s = new ArrayList<>(steps);
                s.add(e.getKey());
                out.add(new Node(path, s, e.getValue()));
                walk(e.getValue(), path, s, out);
            }
        } else if (n.isArray() && !n.isEmpty()) {
            String path = prefix + "[0]";
            List<Object> s = new ArrayList<>(steps);
            s.add(0);
            out.add(new Node(path, s, n.get(0)));
            walk(n.get(0), path, s, out);
        }
    }

    /** A copy of {@code root} with the nodes at {@code steps} replaced ({@code null} value: the JSON null). */
    static ObjectNode with(ObjectNode root, Map<List<Object>, JsonNode> replacements) {
        ObjectNode copy = root.deepCopy();
        replacements.forEach((steps, value) -> {
            JsonNode parent = copy;
            for (int i = 0; i < steps.size() - 1; i++) {
                Object s = steps.get(i);
                parent = s instanceof Integer idx ? parent.get(idx) : parent.get((String) s);
            }
            Object last = steps.get(steps.size() - 1);
            JsonNode v = value == null ? F.nullNode() : value;
            if (last instanceof Integer idx) ((ArrayNode) parent).set(idx, v);
            else ((ObjectNode) parent).set((String) last, v);
        });
        return copy;
    }

    static ObjectNode with(ObjectNode root, List<Object> steps, JsonNode value) {
        Map<List<Object>, JsonNode> one = new LinkedHashMap<>();
        one.put(steps, value);
        return with(root, one);
    }

    // ---- text JSON libraries will not write

    /** Placeholders and what replaces them in the serialized body. */
    static final class Splices {
        private final Map<String, String> tokens = new LinkedHashMap<>();
        private final Map<String, String> inText = new LinkedHashMap<>();
        private final Map<String, byte[]> bytes = new LinkedHashMap<>();

        /** A value node that is written as {@code rawJson} (e.g. {@code 1e400}, {@code NaN}). */
        JsonNode token(String rawJson) {
            String mark = "@@tok" + tokens.size() + "@@";
            tokens.put(mark, rawJson);
            return F.textNode(mark);
        }

        /** A string holding {@code before}, then the JSON escape {@code rawEscape} (e.g. {@code \ud800}), then {@code after}. */
        JsonNode escapeInString(String before, String rawEscape, String after) {
            String mark = "@@esc" + inText.size() + "@@";
            inText.put(mark, rawEscape);
            return F.textNode(before + mark + after);
        }

        /** A string holding {@code raw} bytes (e.g. invalid UTF-8) after {@code before}. */
        JsonNode bytesInString(String before, byte[] raw) {
            String mark = "@@bin" + bytes.size() + "@@";
            bytes.put(mark, raw);
            return F.textNode(before + mark);
        }

        byte[] write(JsonNode body) {
            String s = J.write(body);
            for (Map.Entry<String, String> e : tokens.entrySet()) s = s.replace("\"" + e.getKey() + "\"", e.getValue());
            for (Map.Entry<String, String> e : inText.entrySet()) s = s.replace(e.getKey(), e.getValue());
            byte[] out = s.getBytes(StandardCharsets.UTF_8);
            for (Map.Entry<String, byte[]> e : bytes.entrySet())
                out = replace(out, e.getKey().getBytes(StandardCharsets.UTF_8), e.getValue());
            return out;
        }
    }

    static byte[] replace(byte[] in, byte[] what, byte[] with) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int i = 0;
        outer:
        while (i < in.length) {
            if (i <= in.length - what.length) {
                for (int j = 0; j < what.length; j++) {
                    if (in[i + j] != what[j]) {
                        out.write(in[i++]);
                        continue outer;
                    }
                }
                out.writeBytes(with);
                i += what.length;
            } else {
                out.write(in[i++]);
            }
        }
        return out.toByteArray();
    }

    /** The wrong-typed values for a scalar node, one per round (strings, numbers and booleans each get four). */
    static List<JsonNode> wrongTypes(JsonNode v) {
        if (v.isTextual()) return List.of(F.numberNode(12345), F.booleanNode(true), J.arr("x"), J.obj("x", "y"));
        if (v.isNumber()) return List.of(F.textNode("12"), F.booleanNode(true), J.arr(1), J.obj("x", 1));
        if (v.isBoolean()) return List.of(F.textNode("true"), F.numberNode(1), J.arr(true), J.obj("x", true));
        return List.of();
    }

    /** The wrong-typed values for an object or array node. */
    static List<JsonNode> wrongContainers(JsonNode v) {
        return v.isObject() ? List.of(F.textNode("x"), J.arr(J.obj())) : List.of(F.textNode("x"), J.obj("0", "x"));
    }
}
