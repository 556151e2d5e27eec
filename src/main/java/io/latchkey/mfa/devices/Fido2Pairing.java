package io.latchkey.mfa.devices;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.latchkey.http.ApiException;
import io.latchkey.http.ErrorDetail;
import io.latchkey.http.Shape;
import io.latchkey.http.Validation;
import java.util.List;
import org.jdbi.v3.core.Handle;

/**
 * Pairing a FIDO2 device: the creation options it is given (from the FIDO2 policy of its MFA policy), and its
 * activation with the attestation the browser made from them. A refused attestation is not counted: nothing can be
 * guessed from it (the challenge is random and single-device), and the user simply tries again.
 */
final class Fido2Pairing {
    /** The longest attestation accepted: a packed attestation with its certificate chain fits well. */
    static final int LONGEST_CREDENTIAL_JSON = 64 * 1024;

    static final Shape ACTIVATE = Shape.of()
            .string("origin", f -> f.required().maxLength(2048))
            .string("attestation", f -> f.required().maxLength(LONGEST_CREDENTIAL_JSON));

    static final Shape RP = Shape.of().string("id", f -> f.maxLength(253)).string("name", f -> f.maxLength(256));

    private final DevicePolicyValues policies;
    private final WebAuthnCeremonies webAuthn;
    private final DeviceStore store;

    Fido2Pairing(DevicePolicyValues policies, WebAuthnCeremonies webAuthn, DeviceStore store) {
        this.policies = policies;
        this.webAuthn = webAuthn;
        this.store = store;
    }

    /** {@code rp.id}, when given, must be the FIDO2 policy's relying party: the credential is bound to it. */
    void checkRp(String env, String policyId, ObjectNode body, Validation v) {
        JsonNode id = body.path("rp").path("id");
        if (!id.isTextual()) return;
        String expected = policies.fido2(env, policyId).relyingPartyId();
        if (!id.asText().equals(expected)) {
            v.add(ErrorDetail.invalid(
                    "rp.id", "'rp.id' must be the FIDO2 policy's relying party, '" + expected + "' (or be left out)."));
        }
    }

    /**
     * The creation options of a new device of {@code userId}: the relying party is named {@code rpName}, else after
     * the environment; the user's other FIDO2 credentials are excluded (one authenticator, one device).
     */
    Fido2Credential pending(Handle h, String env, String userId, String policyId, String rpName) {
        DevicePolicyValues.Fido2 rules = policies.fido2(env, policyId);
        String name = rpName != null && !rpName.isBlank()
                ? rpName
                : store.environmentName(h, env).orElse("Latchkey");
        String username = store.username(h, env, userId).orElse(userId);
        List<String> exclude = store.list(h, env, userId).stream()
                .filter(d -> d.fido2() != null && d.fido2().active())
                .map(d -> d.fido2().credentialId())
                .toList();
        return Fido2Credential.pending(webAuthn.creationOptions(rules, name, userId, username, exclude));
    }

    /** Activates {@code d} (locked for update, waiting for activation) with the attestation in {@code body}. */
    Device activate(Handle h, Device d, JsonNode body, long now) {
        ObjectNode b = ACTIVATE.read(body);
        if (d.fido2() == null
                || d.fido2().creationOptions() == null
                || d.otpExpiresAt() == null
                || d.otpExpiresAt() <= now) {
            throw ApiException.invalidData(ErrorDetail.invalid(
                    "attestation",
                    "The pairing of this FIDO2 device has expired (30 minutes): delete the device and create it"
                            + " again."));
        }
        DevicePolicyValues.Fido2 rules = policies.fido2(d.environmentId(), d.policyId());
        Fido2Credential credential;
        try {
            credential = webAuthn.verifyRegistration(
                            d.fido2().creationOptions(),
                            rules,
                            b.get("origin").asText(),
                            b.get("attestation").asText())
                    .credential();
        } catch (WebAuthnCeremonies.Refused r) {
            throw ApiException.invalidData(ErrorDetail.invalid(r.target, r.getMessage()));
        }
        if (store.credentialInUse(h, d.environmentId(), credential.credentialId())) {
            throw ApiException.invalidData(
                    ErrorDetail.invalid("attestation", "This credential is already paired as another device."));
        }
        Device active = d.fido2Activated(credential, now);
        store.update(h, active);
        return active;
    }

    /** The creation options while the pairing is open; else null. */
    static String openOptions(Device d, long now) {
        boolean open = d.type() == DeviceType.FIDO2
                && d.status() == DeviceStatus.ACTIVATION_REQUIRED
                && d.fido2() != null
                && d.otpExpiresAt() != null
                && d.otpExpiresAt() > now;
        return open ? d.fido2().creationOptions() : null;
    }
}
