package io.latchkey.applicationattributes;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.latchkey.claims.AttributeExpression;
import io.latchkey.claims.ReservedClaimNames;
import io.latchkey.http.ErrorDetail;
import io.latchkey.http.Shape;
import io.latchkey.http.Validation;
import io.latchkey.resources.AttributeValue;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The rules of a mapping's body (POST and PUT), all checked before anything is written so that one answer lists every
 * problem:
 * <ul>
 * <li>{@code name}: required; no spaces or control characters; not a name tokens set themselves
 *     ({@link ReservedClaimNames}, which holds PingOne's list for application mappings and {@code sub}); unique within
 *     the application, the CORE and SCOPE mappings' names included. CORE and SCOPE mappings keep theirs.</li>
 * <li>{@code value}: required; a literal or an expression over the user ({@code ${user.email}},
 *     {@code ${user.name.given + " " + user.name.family}}); never over {@code context.*}, which describes a token
 *     request and exists for access tokens only. Empty only for a SCOPE mapping, which turns its claim off.</li>
 * <li>{@code required} (default false; the CORE {@code sub}: true, and it must stay true).</li>
 * <li>{@code idToken}, {@code userInfo} (default true): not both false; both true for {@code sub}.</li>
 * <li>{@code oidcScopes} (CUSTOM only): null for the {@code openid} scope, else the ids of at least one of the
 *     {@code openid} resource's scopes granted to the application.</li>
 * </ul>
 * Read-only fields a client sends back ({@code id}, {@code mappingType}, {@code createdAt}, ...) are ignored.
 */
final class MappingRules {
    private static final Shape SHAPE = Shape.of()
            .string("name", f -> f.required().maxLength(256))
            .string("value", f -> f.maxLength(4096))
            .bool("required", Shape.optional())
            .bool("idToken", Shape.optional())
            .bool("userInfo", Shape.optional())
            .stringArray("oidcScopes", f -> f.maxLength(256).unique());

    private MappingRules() {}

    /** The {@code openid} resource's scopes: every one's name by id, and the ids granted to the application. */
    record Scopes(Map<String, String> names, List<String> granted) {}

    /** A valid body. */
    record Draft(
            String name, String value, boolean required, boolean idToken, boolean userInfo, List<String> oidcScopes) {}

    /**
     * @param current the mapping a PUT replaces; null for a POST (a new CUSTOM mapping)
     * @param taken   the names of the application's other mappings
     */
    static Draft read(JsonNode body, AttributeMapping current, List<String> taken, Scopes scopes) {
        Validation v = new Validation();
        ObjectNode doc = SHAPE.read(body, v);
        MappingType type = current == null ? MappingType.CUSTOM : current.type();
        String name = doc.path("name").asText(null);
        if (name != null && !name.isBlank()) {
            if (type != MappingType.CUSTOM && !name.equals(current.name())) {
                v.add(ErrorDetail.invalid(
                        "name", "The " + type + " mapping '" + current.name() + "' cannot be renamed."));
            } else if (type == MappingType.CUSTOM) {
                checkName(name, taken, v);
            }
        }
        String value = value(doc, body, type, v);
        boolean required = doc.has("required") ? doc.get("required").asBoolean() : type == MappingType.CORE;
        if (type == MappingType.CORE && !required) {
            v.add(ErrorDetail.invalid(
                    "required", "The CORE mapping 'sub' is always required: 'required' must be true."));
        } else if (required && "".equals(value)) {
            v.add(ErrorDetail.invalid("required", "A mapping with an empty value cannot be required."));
        }
        boolean idToken = doc.path("idToken").asBoolean(true);
        boolean userInfo = doc.path("userInfo").asBoolean(true);
        if (!idToken && !userInfo) {
            v.add(ErrorDetail.invalid("idToken", "'idToken' and 'userInfo' cannot both be false."));
        } else if (type == MappingType.CORE && !(idToken && userInfo)) {
            v.add(ErrorDetail.invalid(
                    idToken ? "userInfo" : "idToken",
                    "'sub' is in every ID token and userinfo answer: 'idToken' and 'userInfo' must be true."));
        }
        List<String> oidcScopes = oidcScopes(doc, current, type, scopes, v);
        v.throwIfAny();
        return new Draft(name, value, required, idToken, userInfo, oidcScopes);
    }

    static ErrorDetail duplicate(String name) {
        return ErrorDetail.unique("name", "A mapping named '" + name + "' already exists on this application.");
    }

    private static void checkName(String name, List<String> taken, Validation v) {
        if (name.chars().anyMatch(c -> Character.isWhitespace(c) || Character.isISOControl(c))) {
            v.add(ErrorDetail.invalid("name", "'name' must not contain spaces or control characters."));
        } else if (ReservedClaimNames.isReserved(name)) {
            v.add(ErrorDetail.invalid(
                    "name",
                    "'" + name + "' is a reserved claim name (reserved: " + ReservedClaimNames.describe() + ")."));
        } else if (name.equals(DefaultMappings.ADDRESS)) {
            v.add(ErrorDetail.unique(
                    "name", "The address claim is made of the SCOPE mappings address.*: replace those with PUT."));
        } else if (taken.contains(name)) {
            v.add(duplicate(name));
        }
    }

    private static String value(ObjectNode doc, JsonNode body, MappingType type, Validation v) {
        JsonNode node = doc.get("value");
        if (node == null) {
            // Present but not a string: the shape said so already.
            if (body == null || !body.hasNonNull("value")) v.add(ErrorDetail.required("value"));
            return null;
        }
        String value = node.asText();
        if (value.isBlank()) {
            if (type != MappingType.SCOPE) {
                v.add(new ErrorDetail("EMPTY_VALUE", "value", "'value' must not be empty."));
            }
            return "";
        }
        try {
            if (AttributeValue.parseOrExplain(value) instanceof AttributeValue.Expression e && e.readsContext()) {
                v.add(ErrorDetail.invalid(
                        "value",
                        "An application's mappings go to ID tokens and userinfo, which read the user only:"
                                + " expressions over context.* (the token request) belong to custom resources."));
            }
        } catch (AttributeExpression.Invalid e) {
            v.add(ErrorDetail.invalid(
                    "value",
                    "'value' must be a literal or an expression over the user, as ${user.email} or"
                            + " ${user.name.given + \" \" + user.name.family}. " + e.getMessage()));
        }
        return value;
    }

    private static List<String> oidcScopes(
            ObjectNode doc, AttributeMapping current, MappingType type, Scopes scopes, Validation v) {
        JsonNode node = doc.get("oidcScopes");
        if (node == null) return null;
        List<String> ids = new ArrayList<>();
        node.forEach(id -> ids.add(id.asText()));
        switch (type) {
            case CORE ->
                v.add(ErrorDetail.invalid(
                        "oidcScopes", "The CORE mapping 'sub' belongs to the openid scope: leave 'oidcScopes' out."));
            case SCOPE -> {
                String own = scopes.names().entrySet().stream()
                        .filter(e -> e.getValue().equals(current.scope()))
                        .map(Map.Entry::getKey)
                        .findFirst()
                        .orElse(null);
                if (!ids.equals(own == null ? List.of() : List.of(own))) {
                    v.add(ErrorDetail.invalid(
                            "oidcScopes",
                            "The SCOPE mapping '" + current.name() + "' belongs to the " + current.scope()
                                    + " scope; its 'oidcScopes' cannot change."));
                }
                return null;
            }
            case CUSTOM -> {
                if (ids.isEmpty()) {
                    v.add(ErrorDetail.invalid(
                            "oidcScopes",
                            "'oidcScopes' must name at least one scope; leave it out (null) for a mapping of the"
                                    + " openid scope."));
                }
                for (int i = 0; i < ids.size(); i++) {
                    String id = ids.get(i);
                    String target = "oidcScopes[" + i + "]";
                    if (!scopes.names().containsKey(id)) {
                        v.add(ErrorDetail.invalid(
                                target, "'" + id + "' is not a scope of this environment's openid resource."));
                    } else if (!scopes.granted().contains(id)) {
                        v.add(ErrorDetail.invalid(
                                target,
                                "The scope '" + scopes.names().get(id)
                                        + "' is not granted to this application (grant it with /grants first)."));
                    }
                }
            }
        }
        return ids;
    }
}
