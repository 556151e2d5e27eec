package io.latchkey.mfa.policies;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.latchkey.http.Json;
import io.latchkey.http.Validation;
import io.latchkey.mfa.policies.MfaPolicy.Kind;
import io.latchkey.storage.Ids;
import org.jdbi.v3.core.Handle;

/**
 * The MFA policy and FIDO2 policy every environment has (PingOne creates them with the environment). Latchkey creates
 * them at an environment's first MFA use instead, so that environments made before MFA existed get them too: the
 * process whose insert into {@code mfa_policy_defaults} succeeds creates them in the same transaction, every other
 * process (or a later request) finds the row and does nothing. Contents where PingOne is silent: docs/mfa.md.
 */
final class DefaultMfaPolicies {
    static final String DEVICE_POLICY_NAME = "Default MFA Policy";
    static final String FIDO2_POLICY_NAME = "Passkeys";

    private DefaultMfaPolicies() {}

    /** SMS, voice, email and FIDO2 (passkeys) on; authenticator apps (TOTP) and the mobile app off. */
    static ObjectNode devicePolicyBody() {
        String offline = """
                {"enabled": %s, "otp": {"lifeTime": {"duration": 30, "timeUnit": "MINUTES"},
                 "failure": {"count": 3, "coolDown": {"duration": 0, "timeUnit": "MINUTES"}}, "otpLength": 6}}""";
        String twoMinutes = """
                {"failure": {"count": 3, "coolDown": {"duration": 2, "timeUnit": "MINUTES"}}}""";
        return Json.parseObject("{\"name\": \"" + DEVICE_POLICY_NAME + "\", \"default\": true,"
                + " \"sms\": " + offline.formatted("true") + ", \"voice\": " + offline.formatted("true")
                + ", \"email\": " + offline.formatted("true")
                + ", \"mobile\": {\"enabled\": false, \"otp\": " + twoMinutes + ", \"applications\": []}"
                + ", \"totp\": {\"enabled\": false, \"otp\": " + twoMinutes + "}"
                + ", \"fido2\": {\"enabled\": true, \"failure\": {\"count\": 3, \"coolDown\": {\"duration\": 2,"
                + " \"timeUnit\": \"MINUTES\"}}}}");
    }

    /** Passkeys: platform or roaming authenticators, discoverable, user verification required, no attestation. */
    static ObjectNode fido2PolicyBody(String relyingPartyId) {
        return Json.parseObject("""
                {"name": "%s", "default": true, "description": "Passkeys, synced or device-bound",
                 "deviceDisplayName": "Passkey", "relyingPartyId": "%s",
                 "attestationRequirements": "NONE", "authenticatorAttachment": "BOTH",
                 "discoverableCredentials": "REQUIRED",
                 "userVerification": {"option": "REQUIRED", "enforceDuringAuthentication": true},
                 "backupEligibility": {"allow": true, "enforceDuringAuthentication": false},
                 "mdsAuthenticatorsRequirements": {"option": "NONE", "enforceDuringAuthentication": false},
                 "userDisplayNameAttributes": {"attributes": [
                   {"name": "name", "subAttributes": [{"name": "given"}, {"name": "family"}]},
                   {"name": "email"}, {"name": "username"}]}}""".formatted(FIDO2_POLICY_NAME, relyingPartyId));
    }

    /** Creates the defaults unless they were; call inside a transaction, after checking the environment exists. */
    static void ensure(Handle h, MfaPolicyStore store, String env, String relyingPartyId) {
        if (store.defaultsCreated(h, env)) return;
        long now = System.currentTimeMillis();
        if (!store.claimDefaults(h, env, now)) return;
        Validation v = new Validation();
        ObjectNode fido2 = Fido2PolicyShape.read(fido2PolicyBody(relyingPartyId), v);
        ObjectNode device = DeviceAuthenticationPolicyShape.read(devicePolicyBody(), v);
        store.insert(h, policy(Kind.FIDO2, env, checked(fido2, v), now));
        store.insert(h, policy(Kind.DEVICE_AUTHENTICATION, env, checked(device, v), now));
    }

    /** A default that broke its own rules is a bug of ours: fail loudly (a 500) rather than store it. */
    private static ObjectNode checked(ObjectNode doc, Validation v) {
        if (!v.ok()) throw new IllegalStateException("A default MFA policy breaks its own rules: " + v.details());
        return doc;
    }

    private static MfaPolicy policy(Kind kind, String env, ObjectNode doc, long now) {
        String name = doc.remove("name").asText();
        doc.remove("default");
        return new MfaPolicy(kind, Ids.newId(), env, name, true, null, doc, now, now);
    }
}
