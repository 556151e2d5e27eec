package io.latchkey.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import java.util.regex.Pattern;

/**
 * The accepted shape of a JSON request body: field types, required fields, ranges, enums and defaults.
 * {@link #read} returns a normalised copy holding only the known, writable fields (defaults applied) or
 * throws one 400 INVALID_DATA listing every problem, with the field path as each detail's target.
 */
public final class Shape {
    private final Map<String, Field> fields = new LinkedHashMap<>();

    public static Shape of() {
        return new Shape();
    }

    public Shape string(String name, Consumer<Field> rules) {
        return add(name, Kind.STRING, rules);
    }

    public Shape integer(String name, Consumer<Field> rules) {
        return add(name, Kind.INTEGER, rules);
    }

    public Shape bool(String name, Consumer<Field> rules) {
        return add(name, Kind.BOOLEAN, rules);
    }

    public Shape object(String name, Shape nested, Consumer<Field> rules) {
        return add(name, Kind.OBJECT, f -> {
            f.nested = nested;
            rules.accept(f);
        });
    }
    /** An array whose items are strings (optionally constrained by {@code item}). */
    public Shape stringArray(String name, Consumer<Field> rules) {
        return add(name, Kind.STRING_ARRAY, rules);
    }
    /** An array whose items are objects of shape {@code item}. */
    public Shape objectArray(String name, Shape item, Consumer<Field> rules) {
        return add(name, Kind.OBJECT_ARRAY, f -> {
            f.nested = item;
            rules.accept(f);
        });
    }
    /** A {@code {"id": "..."}} reference to another object. */
    public Shape ref(String name, Consumer<Field> rules) {
        return object(name, Shape.of().string("id", f -> f.required()), rules);
    }
    /** A free-form JSON value stored as given (for settings Latchkey keeps but does not act on). */
    public Shape any(String name) {
        return add(name, Kind.ANY, f -> {});
    }

    private Shape add(String name, Kind kind, Consumer<Field> rules) {
        Field f = new Field(name, kind);
        rules.accept(f);
        fields.put(name, f);
        return this;
    }

    public static Consumer<Field> optional() {
        return f -> {};
    }

    /** Validates {@code body}; throws INVALID_DATA with every problem found. */
    public ObjectNode read(JsonNode body) {
        Validation v = new Validation();
        ObjectNode out = read(body, v);
        v.throwIfAny();
        return out;
    }

    /** Validates into {@code v} so that callers can add their own checks before throwing. */
    public ObjectNode read(JsonNode body, Validation v) {
        if (body == null || !body.isObject()) {
            v.add(ErrorDetail.invalid("body", "The request body must be a JSON object."));
            return JsonNodeFactory.instance.objectNode();
        }
        return readObject((ObjectNode) body, "", v);
    }

    private ObjectNode readObject(ObjectNode in, String prefix, Validation v) {
        ObjectNode out = JsonNodeFactory.instance.objectNode();
        for (Field f : fields.values()) {
            String target = prefix + f.name;
            JsonNode value = in.get(f.name);
            if (value == null || value.isNull() || value.isMissingNode()) {
                if (f.required) v.add(ErrorDetail.required(target));
                else if (f.defaultValue != null) out.set(f.name, f.defaultValue.deepCopy());
                continue;
            }
            JsonNode read = f.read(value, target, v);
            if (read != null) out.set(f.name, read);
        }
        return out;
    }

    enum Kind {
        STRING,
        INTEGER,
        BOOLEAN,
        OBJECT,
        STRING_ARRAY,
        OBJECT_ARRAY,
        ANY
    }

    /** The rules of one field. */
    public static final class Field {
        final String name;
        final Kind kind;
        boolean required;
        JsonNode defaultValue;
        Integer minLength;
        Integer maxLength;
        Pattern pattern;
        String patternText;
        List<String> allowed;
        Long min;
        Long max;
        Shape nested;
        Integer minItems;
        Integer maxItems;
        boolean uniqueItems;
        BiConsumer<String, Validation> stringCheck;

        Field(String name, Kind kind) {
            this.name = name;
            this.kind = kind;
        }

        public Field required() {
            required = true;
            return this;
        }

        public Field defaultValue(String v) {
            defaultValue = JsonNodeFactory.instance.textNode(v);
            return this;
        }

        public Field defaultValue(long v) {
            defaultValue = JsonNodeFactory.instance.numberNode(v);
            return this;
        }

        public Field defaultValue(boolean v) {
            defaultValue = JsonNodeFactory.instance.booleanNode(v);
            return this;
        }

        public Field defaultNode(JsonNode v) {
            defaultValue = v;
            return this;
        }

        public Field length(int min, int max) {
            minLength = min;
            maxLength = max;
            return this;
        }

        public Field maxLength(int max) {
            maxLength = max;
            return this;
        }

        public Field pattern(String regex) {
            pattern = Pattern.compile(regex);
            patternText = regex;
            return this;
        }

        public Field oneOf(String... values) {
            allowed = List.of(values);
            return this;
        }

        public <E extends Enum<E>> Field oneOf(Class<E> type) {
            allowed = java.util.Arrays.stream(type.getEnumConstants())
                    .map(Enum::name)
                    .toList();
            return this;
        }

        public Field range(long min, long max) {
            this.min = min;
            this.max = max;
            return this;
        }

        public Field min(long min) {
            this.min = min;
            return this;
        }

        public Field items(int min, int max) {
            minItems = min;
            maxItems = max;
            return this;
        }

        public Field unique() {
            uniqueItems = true;
            return this;
        }
        /** An extra rule for each string value, given the target and the value: {@code (value, v)}. */
        public Field check(BiConsumer<String, Validation> c) {
            stringCheck = c;
            return this;
        }

        JsonNode read(JsonNode value, String target, Validation v) {
            return switch (kind) {
                case STRING -> readString(value, target, v);
                case INTEGER -> readInteger(value, target, v);
                case BOOLEAN -> {
                    if (!value.isBoolean()) {
                        v.add(ErrorDetail.invalid(target, "'" + target + "' must be a boolean."));
                        yield null;
                    }
                    yield value;
                }
                case OBJECT -> {
                    if (!value.isObject()) {
                        v.add(ErrorDetail.invalid(target, "'" + target + "' must be an object."));
                        yield null;
                    }
                    yield nested.readObject((ObjectNode) value, target + ".", v);
                }
                case STRING_ARRAY, OBJECT_ARRAY -> readArray(value, target, v);
                case ANY -> value.deepCopy();
            };
        }

        private JsonNode readString(JsonNode value, String target, Validation v) {
            if (!value.isTextual()) {
                v.add(ErrorDetail.invalid(target, "'" + target + "' must be a string."));
                return null;
            }
            String s = value.asText();
            int before = v.details().size();
            if (s.indexOf('\0') >= 0) {
                // PostgreSQL cannot store U+0000 in text (H2 can): refused on both, as a bad value, not a 500. The
                // value is left out of the result so that no later check (a uniqueness query) sends it to the database.
                v.add(ErrorDetail.invalid(target, "'" + target + "' must not contain the character U+0000."));
                return null;
            }
            if (allowed != null && !allowed.contains(s)) {
                v.add(new ErrorDetail(
                        "INVALID_VALUE",
                        target,
                        "'" + target + "' must be one of " + String.join(", ", allowed) + ".",
                        Map.of("allowedValues", allowed)));
            } else if (required && s.isBlank()) {
                v.add(new ErrorDetail("EMPTY_VALUE", target, "'" + target + "' must not be empty."));
            } else if (minLength != null && s.length() < minLength || maxLength != null && s.length() > maxLength) {
                Map<String, Object> inner = new LinkedHashMap<>();
                if (minLength != null) inner.put("rangeMinimumValue", minLength);
                if (maxLength != null) inner.put("rangeMaximumValue", maxLength);
                v.add(new ErrorDetail(
                        "SIZE_LIMIT_EXCEEDED",
                        target,
                        "'" + target + "' must be between " + (minLength == null ? 0 : minLength) + " and " + maxLength
                                + " characters long.",
                        inner));
            } else if (pattern != null && !pattern.matcher(s).matches()) {
                v.add(new ErrorDetail(
                        "INVALID_VALUE",
                        target,
                        "'" + target + "' does not match the allowed pattern.",
                        Map.of("allowedPattern", patternText)));
            }
            if (stringCheck != null && v.details().size() == before) {
                Validation own = new Validation();
                stringCheck.accept(s, own);
                for (ErrorDetail d : own.details()) {
                    v.add(new ErrorDetail(
                            d.code(), d.target() == null ? target : d.target(), d.message(), d.innerError()));
                }
            }
            return value;
        }

        private JsonNode readInteger(JsonNode value, String target, Validation v) {
            if (!value.isIntegralNumber() || !value.canConvertToLong()) {
                v.add(ErrorDetail.invalid(target, "'" + target + "' must be an integer."));
                return null;
            }
            long n = value.asLong();
            if (min != null && n < min || max != null && n > max) {
                Map<String, Object> inner = new LinkedHashMap<>();
                if (min != null) inner.put("rangeMinimumValue", min);
                if (max != null) inner.put("rangeMaximumValue", max);
                v.add(new ErrorDetail(
                        "OUT_OF_RANGE",
                        target,
                        "'" + target + "' must be "
                                + (max == null ? "at least " + min : "between " + min + " and " + max) + ".",
                        inner));
                return null;
            }
            return JsonNodeFactory.instance.numberNode(n);
        }

        private JsonNode readArray(JsonNode value, String target, Validation v) {
            if (!value.isArray()) {
                v.add(ErrorDetail.invalid(target, "'" + target + "' must be an array."));
                return null;
            }
            if (minItems != null && value.size() < minItems || maxItems != null && value.size() > maxItems) {
                v.add(new ErrorDetail(
                        "SIZE_LIMIT_EXCEEDED",
                        target,
                        "'" + target + "' must hold between " + minItems + " and " + maxItems + " items.",
                        Map.of("rangeMinimumValue", minItems, "rangeMaximumValue", maxItems)));
            }
            ArrayNode out = JsonNodeFactory.instance.arrayNode();
            Set<JsonNode> seen = new HashSet<>();
            List<JsonNode> items = new ArrayList<>();
            value.forEach(items::add);
            for (int i = 0; i < items.size(); i++) {
                JsonNode item = items.get(i);
                String itemTarget = target + "[" + i + "]";
                JsonNode read;
                if (kind == Kind.STRING_ARRAY) {
                    Field itemRules = new Field(name, Kind.STRING);
                    itemRules.allowed = allowed;
                    itemRules.pattern = pattern;
                    itemRules.patternText = patternText;
                    itemRules.maxLength = maxLength;
                    itemRules.stringCheck = stringCheck;
                    read = itemRules.readString(item, itemTarget, v);
                } else if (!item.isObject()) {
                    v.add(ErrorDetail.invalid(itemTarget, "'" + itemTarget + "' must be an object."));
                    read = null;
                } else {
                    read = nested.readObject((ObjectNode) item, itemTarget + ".", v);
                }
                if (read == null) continue;
                if (uniqueItems && !seen.add(read)) {
                    v.add(ErrorDetail.invalid(itemTarget, "'" + target + "' must not repeat a value."));
                    continue;
                }
                out.add(read);
            }
            return out;
        }
    }
}
