package io.latchkey.policies;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.latchkey.http.ErrorDetail;
import io.latchkey.http.Json;
import io.latchkey.http.Shape;
import io.latchkey.http.Validation;
import io.latchkey.storage.Ids;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The accepted bodies of sign-on policy actions, one shape per {@code type}, after PingOne's
 * {@code SignOnPolicyAction*} schemas: required fields, enums, ranges; defaults filled in for the LOGIN-like
 * settings. Ids of objects Latchkey does not hold (identity providers, agreements, gateways, MFA policies) are
 * checked to be ids, not looked up; populations are looked up by {@link SignOnPolicyActionService}.
 */
final class ActionShapes {
    static final String LOGIN = "LOGIN";
    static final String MULTI_FACTOR_AUTHENTICATION = "MULTI_FACTOR_AUTHENTICATION";
    static final String IDENTIFIER_FIRST = "IDENTIFIER_FIRST";
    static final String IDENTITY_PROVIDER = "IDENTITY_PROVIDER";
    static final String PROGRESSIVE_PROFILING = "PROGRESSIVE_PROFILING";
    static final String AGREEMENT = "AGREEMENT";
    static final String PINGID_WINLOGIN_PASSWORDLESS_AUTHENTICATION = "PINGID_WINLOGIN_PASSWORDLESS_AUTHENTICATION";
    static final String PINGID_AUTHENTICATION = "PINGID_AUTHENTICATION";
    static final List<String> TYPES = List.of(
            LOGIN,
            MULTI_FACTOR_AUTHENTICATION,
            IDENTIFIER_FIRST,
            IDENTITY_PROVIDER,
            PROGRESSIVE_PROFILING,
            AGREEMENT,
            PINGID_WINLOGIN_PASSWORDLESS_AUTHENTICATION,
            PINGID_AUTHENTICATION);

    private ActionShapes() {}

    /** What every action has. */
    static final Shape COMMON = Shape.of()
            .integer("priority", f -> f.required().range(1, Integer.MAX_VALUE))
            .string("type", f -> f.required().oneOf(TYPES.toArray(String[]::new)))
            .any("condition");

    private static Shape idRef() {
        return Shape.of().string("id", f -> f.required().check(ActionShapes::uuid));
    }

    private static ObjectNode disabled() {
        return Json.object().put("enabled", false);
    }

    private static ObjectNode registrationDefault() {
        return Json.object().put("enabled", false).put("confirmIdentityProviderAttributes", false);
    }

    private static final Shape ENABLED = Shape.of().bool("enabled", f -> f.defaultValue(false));
    private static final Shape RECOVERY = Shape.of().bool("enabled", f -> f.required());
    private static final Shape REGISTRATION = Shape.of()
            .bool("enabled", f -> f.required())
            .object(
                    "external",
                    Shape.of().string("href", f -> f.required().maxLength(2048).check(ActionShapes::httpUrl)),
                    Shape.optional())
            .object("population", idRef(), Shape.optional())
            .bool("confirmIdentityProviderAttributes", f -> f.defaultValue(false));
    private static final Shape IDP_REGISTRATION = Shape.of()
            .bool("enabled", f -> f.required())
            .object("population", idRef(), Shape.optional())
            .bool("confirmIdentityProviderAttributes", f -> f.defaultValue(false));
    private static final Shape GATEWAY = Shape.of()
            .string("id", f -> f.required().check(ActionShapes::uuid))
            .string("type", f -> f.required().oneOf("LDAP"))
            .object("userType", idRef(), f -> f.required());

    private static final Map<String, Shape> BY_TYPE = new LinkedHashMap<>();

    static {
        BY_TYPE.put(
                LOGIN,
                Shape.of()
                        .object("recovery", RECOVERY, f -> f.defaultNode(disabled()))
                        .object("registration", REGISTRATION, f -> f.defaultNode(registrationDefault()))
                        .objectArray("socialProviders", idRef(), f -> f.unique().items(0, 100))
                        .bool("enforceLockoutForIdentityProviders", Shape.optional())
                        .object(
                                "newUserProvisioning",
                                Shape.of()
                                        .objectArray(
                                                "gateways",
                                                GATEWAY,
                                                f -> f.required().unique().items(1, 100)),
                                Shape.optional()));
        BY_TYPE.put(
                MULTI_FACTOR_AUTHENTICATION,
                Shape.of()
                        .object("authenticator", ENABLED, Shape.optional())
                        .object("boundBiometrics", ENABLED, Shape.optional())
                        .object("email", ENABLED, Shape.optional())
                        .object("securityKey", ENABLED, Shape.optional())
                        .object("sms", ENABLED, Shape.optional())
                        .object("voice", ENABLED, Shape.optional())
                        .objectArray(
                                "applications",
                                Shape.of()
                                        .string("id", f -> f.required().check(ActionShapes::uuid))
                                        .object("autoEnrollment", ENABLED, Shape.optional())
                                        .object(
                                                "deviceAuthorization",
                                                Shape.of()
                                                        .bool("enabled", f -> f.defaultValue(false))
                                                        .string(
                                                                "extraVerification",
                                                                f -> f.oneOf("disabled", "permissive", "restrictive")
                                                                        .defaultValue("disabled")),
                                                Shape.optional()),
                                f -> f.unique().items(0, 100))
                        .object("deviceAuthenticationPolicy", idRef(), Shape.optional())
                        .string("noDevicesMode", f -> f.oneOf("BYPASS", "BLOCK")));
        BY_TYPE.put(
                IDENTIFIER_FIRST,
                Shape.of()
                        .objectArray(
                                "discoveryRules",
                                Shape.of()
                                        .object(
                                                "condition",
                                                Shape.of()
                                                        .string(
                                                                "contains",
                                                                f -> f.required()
                                                                        .maxLength(1024))
                                                        .string(
                                                                "value",
                                                                f -> f.required()
                                                                        .maxLength(1024)),
                                                f -> f.required())
                                        .object("identityProvider", idRef(), f -> f.required()),
                                f -> f.items(0, 100))
                        .bool("enforceLockoutForIdentityProviders", Shape.optional())
                        .object("recovery", RECOVERY, f -> f.defaultNode(disabled()))
                        .object("registration", REGISTRATION, f -> f.defaultNode(registrationDefault()))
                        .objectArray("socialProviders", idRef(), f -> f.unique().items(0, 100)));
        BY_TYPE.put(
                IDENTITY_PROVIDER,
                Shape.of()
                        .string("acrValues", f -> f.maxLength(1024))
                        .object("identityProvider", idRef(), f -> f.required())
                        .bool("passUserContext", Shape.optional())
                        .object("registration", IDP_REGISTRATION, f -> f.defaultNode(registrationDefault())));
        BY_TYPE.put(
                AGREEMENT,
                Shape.of()
                        .object("agreement", idRef(), f -> f.required())
                        .bool("disableDeclineOption", Shape.optional()));
        BY_TYPE.put(
                PROGRESSIVE_PROFILING,
                Shape.of()
                        .objectArray(
                                "attributes",
                                Shape.of()
                                        .string(
                                                "name",
                                                f -> f.required()
                                                        .maxLength(256)
                                                        .pattern(
                                                                "^[A-Za-z_][A-Za-z0-9_]*(\\.[A-Za-z_][A-Za-z0-9_]*)*$"))
                                        .bool("required", f -> f.required()),
                                f -> f.required().unique().items(1, 100))
                        .bool("preventMultiplePromptsPerFlow", f -> f.required())
                        .integer("promptIntervalSeconds", f -> f.required().range(1, Integer.MAX_VALUE))
                        .string("promptText", f -> f.required().maxLength(1024)));
        BY_TYPE.put(PINGID_AUTHENTICATION, Shape.of());
        BY_TYPE.put(
                PINGID_WINLOGIN_PASSWORDLESS_AUTHENTICATION,
                Shape.of()
                        .object(
                                "uniqueUserAttribute",
                                Shape.of().string("name", f -> f.required().maxLength(256)),
                                f -> f.required())
                        .object("offlineMode", Shape.of().bool("enabled", f -> f.required()), f -> f.required()));
    }

    /** The validated body: {@code priority}, {@code type}, {@code condition} and the type's own fields. */
    static ObjectNode read(com.fasterxml.jackson.databind.JsonNode body, Validation v) {
        ObjectNode out = COMMON.read(body, v);
        if (out.has("condition") && !out.get("condition").isObject()) {
            v.add(ErrorDetail.invalid(
                    "condition", "'condition' must be an object (an and/or/not tree or one condition)."));
        }
        String type = out.path("type").asText(null);
        Shape own = type == null ? null : BY_TYPE.get(type);
        if (own != null) {
            ObjectNode fields = own.read(body, v);
            out.setAll(fields);
            registrationRules(fields, v);
        }
        return out;
    }

    /** {@code registration}: self-registration needs a population; an external store excludes both. */
    private static void registrationRules(ObjectNode fields, Validation v) {
        ObjectNode r = fields.get("registration") instanceof ObjectNode o ? o : null;
        if (r == null || !r.has("enabled")) return;
        boolean enabled = r.get("enabled").asBoolean();
        if (r.has("external")) {
            if (enabled) {
                v.add(
                        ErrorDetail.invalid(
                                "registration.enabled",
                                "'registration.external' (registering in an external store) needs 'registration.enabled' false."));
            }
            if (r.has("population")) {
                v.add(ErrorDetail.invalid(
                        "registration.population",
                        "'registration.population' and 'registration.external' cannot both be set."));
            }
        } else if (enabled && !r.has("population")) {
            v.add(ErrorDetail.required("registration.population"));
        }
    }

    static void uuid(String value, Validation v) {
        if (!Ids.isUuid(value)) v.add(ErrorDetail.invalid(null, "'" + value + "' is not an id (a UUID)."));
    }

    /** An absolute http(s) URL without fragment (where users register in an external store). */
    static void httpUrl(String value, Validation v) {
        try {
            URI uri = new URI(value);
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            if (!(scheme.equals("https") || scheme.equals("http")) || uri.getHost() == null) {
                v.add(ErrorDetail.invalid(null, "'" + value + "' must be an absolute http(s) URL."));
            } else if (uri.getRawFragment() != null) {
                v.add(ErrorDetail.invalid(null, "'" + value + "' must not contain a fragment."));
            }
        } catch (URISyntaxException e) {
            v.add(ErrorDetail.invalid(null, "'" + value + "' is not a valid URL."));
        }
    }
}
