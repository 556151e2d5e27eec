package io.latchkey.activities;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * What a management write route changes, read from its path template and method: the action type
 * ({@code USER.CREATED}, {@code PASSWORD.SET}, ...) and which resource (its type, and the path parameter holding its
 * id, or null when a creation's id is only in the answer). One rule for every route, so a new collection is audited
 * without being listed here.
 *
 * @param environmentLevel the route changes an environment itself ({@code /v1/environments[/{envId}]}): its activity
 *     is kept in the caller's environment, where it outlives the environment's deletion
 */
record ManagementChange(String actionType, String resourceType, String idParam, boolean environmentLevel) {

    /** Sub-resources that are part of their parent (PUT/POST/DELETE on them changes the parent). */
    private static final Set<String> SINGLETONS =
            Set.of("enabled", "population", "mfaEnabled", "nickname", "password", "secret", "mfaSettings");

    /** Collection names whose singular is not the name less its plural ending. */
    private static final Map<String, String> TYPES = Map.of(
            "memberOfGroups", "GROUP_MEMBERSHIP",
            "environments", "ENVIRONMENT",
            "mfaSettings", "MFA_SETTINGS");

    /** The change of {@code method} on {@code pathTemplate} (a {@code /v1} route); the content type picks a password action. */
    static ManagementChange of(String method, String pathTemplate, String contentType) {
        List<String> parts = List.of(pathTemplate.substring("/v1/".length()).split("/"));
        if (parts.size() <= 2) {
            // /v1/environments, /v1/environments/{envId}
            String id = parts.size() == 2 ? param(parts.get(1)) : null;
            return new ManagementChange("ENVIRONMENT." + verb(method, id != null), "ENVIRONMENT", id, true);
        }
        String last = parts.getLast();
        if (isParam(last)) {
            String collection = parts.get(parts.size() - 2);
            return new ManagementChange(
                    type(collection) + "." + verb(method, true), type(collection), param(last), false);
        }
        String parentId = isParam(parts.get(parts.size() - 2)) ? param(parts.get(parts.size() - 2)) : null;
        String parentType = parts.size() >= 3 ? type(parts.get(parts.size() - 3)) : "ENVIRONMENT";
        if (last.equals("mfaSettings"))
            return new ManagementChange(
                    "MFA_SETTINGS." + (method.equals("DELETE") ? "DELETED" : "UPDATED"),
                    "ENVIRONMENT",
                    parentId,
                    false);
        if (last.equals("password")) {
            return new ManagementChange(passwordAction(method, contentType), parentType, parentId, false);
        }
        if (last.equals("secret")) {
            return new ManagementChange(
                    "SECRET." + (method.equals("DELETE") ? "DELETED" : "REGENERATED"), parentType, parentId, false);
        }
        if (SINGLETONS.contains(last))
            return new ManagementChange(parentType + ".UPDATED", parentType, parentId, false);
        // A collection: POST creates one (its id is in the answer), DELETE removes what the body or query names.
        return new ManagementChange(type(last) + "." + verb(method, false), type(last), null, false);
    }

    /** PUT sets a password; POST carries the action in its content type (password.reset, password.forceChange, ...). */
    private static String passwordAction(String method, String contentType) {
        if (!method.equals("POST") || contentType == null) return "PASSWORD.SET";
        String prefix = "application/vnd.pingidentity.password.";
        if (!contentType.startsWith(prefix) || !contentType.endsWith("+json")) return "PASSWORD.UPDATED";
        String action = contentType.substring(prefix.length(), contentType.length() - "+json".length());
        if (action.equals("forcechange")) return "PASSWORD.FORCE_CHANGE";
        return action.matches("[a-z]{1,32}") ? "PASSWORD." + action.toUpperCase(Locale.ROOT) : "PASSWORD.UPDATED";
    }

    private static String verb(String method, boolean onOne) {
        return switch (method) {
            case "POST" -> onOne ? "UPDATED" : "CREATED";
            case "DELETE" -> "DELETED";
            default -> "UPDATED";
        };
    }

    /** {@code signOnPolicies} -> {@code SIGN_ON_POLICY}, {@code users} -> {@code USER}. */
    static String type(String collection) {
        String known = TYPES.get(collection);
        if (known != null) return known;
        String singular = collection.endsWith("ies")
                ? collection.substring(0, collection.length() - 3) + "y"
                : collection.endsWith("s") ? collection.substring(0, collection.length() - 1) : collection;
        return singular.replaceAll("([a-z0-9])([A-Z])", "$1_$2").toUpperCase(Locale.ROOT);
    }

    private static boolean isParam(String segment) {
        return segment.startsWith("{") && segment.endsWith("}");
    }

    private static String param(String segment) {
        return segment.substring(1, segment.length() - 1);
    }
}
