package io.latchkey.mfa.policies;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.latchkey.http.ErrorDetail;
import io.latchkey.http.Shape;
import io.latchkey.http.Validation;

/** The body of a FIDO2 policy (PingOne's {@code FIDO2Policy}): what WebAuthn registration and sign-on demand. */
final class Fido2PolicyShape {
    private Fido2PolicyShape() {}

    /** A lower-case DNS name, as WebAuthn relying party ids are (no scheme, port or path). */
    static final String DOMAIN =
            "^(?=.{1,253}$)[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?(\\.[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)*$";

    private static final Shape NAMED =
            Shape.of().string("name", f -> f.required().maxLength(256));

    static final Shape SHAPE = Shape.of()
            .string("name", f -> f.required().maxLength(256))
            .string("description", f -> f.maxLength(1024))
            .bool("default", Shape.optional())
            .string("deviceDisplayName", f -> f.required().maxLength(100))
            .string("relyingPartyId", f -> f.required().maxLength(253).pattern(DOMAIN))
            .string("attestationRequirements", f -> f.required().oneOf("DIRECT", "NONE"))
            .string("authenticatorAttachment", f -> f.required().oneOf("PLATFORM", "CROSS_PLATFORM", "BOTH"))
            .string("discoverableCredentials", f -> f.required().oneOf("DISCOURAGED", "REQUIRED", "PREFERRED"))
            .object(
                    "userVerification",
                    Shape.of()
                            .string("option", f -> f.required().oneOf("REQUIRED", "DISCOURAGED", "PREFERRED"))
                            .bool("enforceDuringAuthentication", f -> f.required()),
                    f -> f.required())
            .object(
                    "backupEligibility",
                    Shape.of().bool("allow", f -> f.required()).bool("enforceDuringAuthentication", f -> f.required()),
                    f -> f.required())
            .object(
                    "mdsAuthenticatorsRequirements",
                    Shape.of()
                            .string(
                                    "option",
                                    f -> f.required().oneOf("NONE", "AUDIT_ONLY", "GLOBAL", "CERTIFIED", "SPECIFIC"))
                            .bool("enforceDuringAuthentication", f -> f.required())
                            .objectArray(
                                    "allowedAuthenticators",
                                    Shape.of().string("id", f -> f.required().maxLength(256)),
                                    f -> f.items(0, 100)),
                    f -> f.required())
            .object(
                    "userDisplayNameAttributes",
                    Shape.of()
                            .objectArray(
                                    "attributes",
                                    Shape.of()
                                            .string("name", f -> f.required().maxLength(256))
                                            .objectArray("subAttributes", NAMED, f -> f.items(0, 10)),
                                    f -> f.required().items(1, 10)),
                    f -> f.required())
            .stringArray(
                    "publicKeyCredentialHints",
                    f -> f.oneOf("SECURITY_KEY", "CLIENT_DEVICE", "HYBRID")
                            .items(1, 3)
                            .unique())
            .object(
                    "userPresenceTimeout",
                    Shape.of()
                            .integer("duration", f -> f.required().min(1))
                            .string("timeUnit", f -> f.required().oneOf("MINUTES", "SECONDS")),
                    Shape.optional());

    static ObjectNode read(JsonNode body, Validation v) {
        ObjectNode doc = SHAPE.read(body, v);
        JsonNode mds = doc.path("mdsAuthenticatorsRequirements");
        if (mds.path("option").asText().equals("SPECIFIC")
                && mds.path("allowedAuthenticators").size() == 0) {
            v.add(ErrorDetail.invalid(
                    "mdsAuthenticatorsRequirements.allowedAuthenticators",
                    "'mdsAuthenticatorsRequirements.allowedAuthenticators' must name at least one authenticator"
                            + " when 'option' is SPECIFIC."));
        }
        return doc;
    }
}
