package io.latchkey.mfa.policies;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.latchkey.http.ErrorDetail;
import io.latchkey.http.Json;
import io.latchkey.http.Shape;
import io.latchkey.http.Validation;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The body of a device authentication policy (PingOne's {@code DeviceAuthenticationPolicy}, PingOne MFA flavour):
 * field types, required fields, enums and ranges, each bad field reported with its path as the target. Ranges and
 * defaults follow PingOne's documentation where it has them and docs/mfa.md where it is silent.
 */
final class DeviceAuthenticationPolicyShape {
    private DeviceAuthenticationPolicyShape() {}

    static final int MAX_FAILURES = 7;

    private static Shape duration(String... units) {
        return Shape.of()
                .integer("duration", f -> f.required().min(0))
                .string("timeUnit", f -> f.required().oneOf(units));
    }

    private static ObjectNode duration(long amount, String unit) {
        return Json.object().put("duration", amount).put("timeUnit", unit);
    }

    /** {@code failure {count, coolDown}}: wrong codes before the method cools down, and for how long. */
    private static Shape failure() {
        return Shape.of()
                .integer("count", f -> f.required().range(1, MAX_FAILURES))
                .object("coolDown", duration("MINUTES", "SECONDS"), f -> f.required());
    }

    private static ObjectNode failure(int count, long coolDownMinutes) {
        ObjectNode n = Json.object().put("count", count);
        n.set("coolDown", duration(coolDownMinutes, "MINUTES"));
        return n;
    }

    /** SMS, voice, email and WhatsApp: a one-time code sent to the device. */
    private static final Shape OFFLINE = Shape.of()
            .bool("enabled", f -> f.required())
            .bool("pairingDisabled", f -> f.defaultValue(false))
            .bool("promptForNicknameOnPairing", f -> f.defaultValue(false))
            .object(
                    "otp",
                    Shape.of()
                            .object("lifeTime", duration("MINUTES", "SECONDS"), f -> f.required())
                            .object("failure", failure(), f -> f.required())
                            .integer("otpLength", f -> f.range(6, 10).defaultValue(6)),
                    f -> f.required());

    private static final Shape TOTP = Shape.of()
            .bool("enabled", f -> f.required())
            .bool("pairingDisabled", f -> f.defaultValue(false))
            .bool("promptForNicknameOnPairing", f -> f.defaultValue(false))
            .object("otp", Shape.of().object("failure", failure(), f -> f.required()), f -> f.required())
            .integer("passcodeGracePeriod", f -> f.range(1, 10).defaultValue(5))
            .any("uriParameters");

    private static final Shape FIDO2 = Shape.of()
            .bool("enabled", f -> f.required())
            .bool("pairingDisabled", f -> f.defaultValue(false))
            .bool("promptForNicknameOnPairing", f -> f.defaultValue(false))
            .string("fido2PolicyId", Shape.optional())
            .object("failure", failure(), f -> f.defaultNode(failure(3, 2)));

    private static final Shape MOBILE = Shape.of()
            .bool("enabled", f -> f.required())
            .object(
                    "otp",
                    Shape.of()
                            .object("failure", failure(), f -> f.required())
                            .object(
                                    "window",
                                    Shape.of().object("stepSize", duration("MINUTES", "SECONDS"), f -> f.required()),
                                    Shape.optional()),
                    f -> f.required())
            .any("applications")
            .bool("promptForNicknameOnPairing", f -> f.defaultValue(false));

    private static final Shape OATH_TOKEN = Shape.of()
            .bool("enabled", f -> f.required())
            .bool("pairingDisabled", f -> f.defaultValue(false))
            .bool("promptForNicknameOnPairing", f -> f.defaultValue(false))
            .object("otp", Shape.of().object("failure", failure(), f -> f.required()), f -> f.required());

    static final Shape SHAPE = Shape.of()
            .string("name", f -> f.required().maxLength(256))
            .bool("default", Shape.optional())
            .bool("forSignOnPolicy", Shape.optional()) // read-only in PingOne: accepted and ignored
            .string(
                    "newDeviceNotification",
                    f -> f.oneOf("NONE", "EMAIL_THEN_SMS", "SMS_THEN_EMAIL").defaultValue("NONE"))
            .bool("ignoreUserLock", f -> f.defaultValue(false))
            .ref("notificationsPolicy", Shape.optional())
            .object(
                    "authentication",
                    Shape.of()
                            .string(
                                    "deviceSelection",
                                    f -> f.required()
                                            .oneOf("DEFAULT_TO_FIRST", "PROMPT_TO_SELECT", "ALWAYS_DISPLAY_DEVICES")),
                    f -> f.defaultNode(Json.object().put("deviceSelection", "DEFAULT_TO_FIRST")))
            .object(
                    "rememberMe",
                    Shape.of()
                            .object(
                                    "web",
                                    Shape.of()
                                            .bool("enabled", f -> f.required())
                                            .object(
                                                    "lifeTime",
                                                    Shape.of()
                                                            .integer(
                                                                    "duration",
                                                                    f -> f.required()
                                                                            .min(1))
                                                            .string(
                                                                    "timeUnit",
                                                                    f -> f.required()
                                                                            .oneOf("MINUTES", "HOURS", "DAYS")),
                                                    f -> f.required()),
                                    f -> f.required()),
                    f -> f.defaultNode(rememberMeDefault()))
            .object("sms", OFFLINE, f -> f.required())
            .object("voice", OFFLINE, f -> f.required())
            .object("email", OFFLINE, f -> f.required())
            .object("whatsApp", OFFLINE, Shape.optional())
            .object("mobile", MOBILE, f -> f.required())
            .object("totp", TOTP, f -> f.required())
            .object("fido2", FIDO2, f -> f.defaultNode(fido2Default()))
            .object("oathToken", OATH_TOKEN, Shape.optional());

    private static ObjectNode rememberMeDefault() {
        ObjectNode web = Json.object().put("enabled", false);
        web.set("lifeTime", duration(30, "MINUTES"));
        ObjectNode n = Json.object();
        n.set("web", web);
        return n;
    }

    private static ObjectNode fido2Default() {
        ObjectNode n = Json.object()
                .put("enabled", false)
                .put("pairingDisabled", false)
                .put("promptForNicknameOnPairing", false);
        n.set("failure", failure(3, 2));
        return n;
    }

    /** Reads a body into {@code v}: the shape, then the ranges that depend on a time unit, then free-form maps. */
    static ObjectNode read(JsonNode body, Validation v) {
        ObjectNode doc = SHAPE.read(body, v);
        for (String method : new String[] {"sms", "voice", "email", "whatsApp"}) {
            range(doc, method + ".otp.lifeTime", 1, 30, v);
            range(doc, method + ".otp.failure.coolDown", 0, 30, v);
        }
        range(doc, "totp.otp.failure.coolDown", 0, 30, v);
        range(doc, "mobile.otp.failure.coolDown", 0, 30, v);
        range(doc, "oathToken.otp.failure.coolDown", 0, 30, v);
        range(doc, "fido2.failure.coolDown", 2, 30, v);
        uriParameters(doc, v);
        applications(doc, v);
        return doc;
    }

    /** The duration at {@code path}, if there, must lie in [min, max] minutes (or the same span in seconds). */
    private static void range(ObjectNode doc, String path, long minMinutes, long maxMinutes, Validation v) {
        JsonNode node = doc;
        for (String part : path.split("\\.")) node = node.path(part);
        if (!node.has("duration") || !node.has("timeUnit")) return;
        boolean seconds = node.get("timeUnit").asText().equals("SECONDS");
        long min = seconds ? minMinutes * 60 : minMinutes;
        long max = seconds ? maxMinutes * 60 : maxMinutes;
        long value = node.get("duration").asLong();
        if (value < min || value > max) {
            Map<String, Object> inner = new LinkedHashMap<>();
            inner.put("rangeMinimumValue", min);
            inner.put("rangeMaximumValue", max);
            String target = path + ".duration";
            v.add(new ErrorDetail(
                    "OUT_OF_RANGE",
                    target,
                    "'" + target + "' must be between " + min + " and " + max + (seconds ? " seconds." : " minutes."),
                    inner));
        }
    }

    /** {@code totp.uriParameters}: an object of string values (added to the authenticator app's otpauth URI). */
    private static void uriParameters(ObjectNode doc, Validation v) {
        JsonNode p = doc.path("totp").get("uriParameters");
        if (p == null) return;
        if (!p.isObject()) {
            v.add(ErrorDetail.invalid("totp.uriParameters", "'totp.uriParameters' must be an object."));
            return;
        }
        p.fields().forEachRemaining(e -> {
            String target = "totp.uriParameters." + e.getKey();
            if (!e.getValue().isTextual()
                    || e.getValue().asText().length() > 256
                    || e.getKey().length() > 64) {
                v.add(ErrorDetail.invalid(target, "'" + target + "' must be a string of at most 256 characters."));
            }
        });
    }

    /**
     * {@code mobile.applications}: kept as given (Latchkey has no PingOne mobile SDK to push to), but it must be an
     * array of objects with an {@code id} each.
     */
    private static void applications(ObjectNode doc, Validation v) {
        JsonNode apps = doc.path("mobile").get("applications");
        if (apps == null) return;
        if (!apps.isArray()) {
            v.add(ErrorDetail.invalid("mobile.applications", "'mobile.applications' must be an array."));
            return;
        }
        for (int i = 0; i < apps.size(); i++) {
            JsonNode app = apps.get(i);
            String target = "mobile.applications[" + i + "]";
            if (!app.isObject()) v.add(ErrorDetail.invalid(target, "'" + target + "' must be an object."));
            else if (!app.path("id").isTextual()) v.add(ErrorDetail.required(target + ".id"));
        }
    }
}
