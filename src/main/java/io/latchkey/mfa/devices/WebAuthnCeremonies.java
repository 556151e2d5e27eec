package io.latchkey.mfa.devices;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.webauthn4j.WebAuthnManager;
import com.webauthn4j.converter.AttestedCredentialDataConverter;
import com.webauthn4j.converter.util.ObjectConverter;
import com.webauthn4j.credential.CredentialRecordImpl;
import com.webauthn4j.data.AuthenticationData;
import com.webauthn4j.data.AuthenticationParameters;
import com.webauthn4j.data.PublicKeyCredentialParameters;
import com.webauthn4j.data.PublicKeyCredentialType;
import com.webauthn4j.data.RegistrationData;
import com.webauthn4j.data.RegistrationParameters;
import com.webauthn4j.data.attestation.authenticator.AttestedCredentialData;
import com.webauthn4j.data.attestation.statement.COSEAlgorithmIdentifier;
import com.webauthn4j.data.attestation.statement.NoneAttestationStatement;
import com.webauthn4j.data.client.Origin;
import com.webauthn4j.data.client.challenge.DefaultChallenge;
import com.webauthn4j.server.ServerProperty;
import com.webauthn4j.util.Base64UrlUtil;
import com.webauthn4j.verifier.exception.BadBackupEligibleFlagException;
import com.webauthn4j.verifier.exception.BadChallengeException;
import com.webauthn4j.verifier.exception.BadOriginException;
import com.webauthn4j.verifier.exception.BadRpIdException;
import com.webauthn4j.verifier.exception.BadSignatureException;
import com.webauthn4j.verifier.exception.InconsistentClientDataTypeException;
import com.webauthn4j.verifier.exception.MaliciousCounterValueException;
import com.webauthn4j.verifier.exception.NotAllowedAlgorithmException;
import com.webauthn4j.verifier.exception.NotAllowedCredentialIdException;
import com.webauthn4j.verifier.exception.UserNotPresentException;
import com.webauthn4j.verifier.exception.UserNotVerifiedException;
import com.webauthn4j.verifier.exception.VerificationException;
import io.latchkey.http.Json;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The two WebAuthn ceremonies of FIDO2 devices, verified with webauthn4j: registration (the options for
 * {@code navigator.credentials.create()}, then the attestation it returns) and authentication (the options for
 * {@code navigator.credentials.get()}, then the assertion). Options are WebAuthn Level 3 JSON (binary values
 * base64url), ready for {@code PublicKeyCredential.parseCreationOptionsFromJSON}; credentials come back as
 * {@code PublicKeyCredential.toJSON()} gives them.
 *
 * <p>Accepted origins: the public base URL's origin (the hosted pages) and {@code https://} + the relying party id
 * (an application at the relying party's own domain). Anything else is refused before any verification.
 */
public final class WebAuthnCeremonies {
    /** How long the browser waits for the user when the FIDO2 policy sets no {@code userPresenceTimeout}. */
    static final Duration DEFAULT_TIMEOUT = Duration.ofMinutes(5);

    private static final SecureRandom RANDOM = new SecureRandom();
    /** ES256 (most authenticators), EdDSA, RS256 (Windows Hello): WebAuthn's recommended set. */
    private static final List<COSEAlgorithmIdentifier> ALGORITHMS =
            List.of(COSEAlgorithmIdentifier.ES256, COSEAlgorithmIdentifier.EdDSA, COSEAlgorithmIdentifier.RS256);

    private final String publicOrigin;
    private final WebAuthnManager manager = WebAuthnManager.createNonStrictWebAuthnManager();
    private final AttestedCredentialDataConverter credentials =
            new AttestedCredentialDataConverter(new ObjectConverter());

    /** @param publicBaseUrl the server's public base URL ({@code --base-url}) */
    public WebAuthnCeremonies(String publicBaseUrl) {
        this.publicOrigin = originOf(publicBaseUrl);
    }

    /** A refusal: {@code target} is the request field at fault ({@code origin}, {@code attestation}...). */
    static final class Refused extends Exception {
        final String target;
        /** Whether the input could not even be read (not counted as a failed attempt). */
        final boolean malformed;

        Refused(String target, String message, boolean malformed) {
            super(message, null, false, false);
            this.target = target;
            this.malformed = malformed;
        }
    }

    /** What a verified registration gives the device. */
    record Registered(Fido2Credential credential) {}

    /** What a verified assertion says: the new counter and whether the user was verified (PIN, biometrics). */
    record Asserted(long signCount, boolean userVerified) {}

    // ---------------------------------------------------------------- registration

    /**
     * Options for {@code navigator.credentials.create()}: a fresh challenge, the relying party, the user (handle: the
     * user's id), the algorithms, the user's other credentials to exclude, and the policy's attachment, discoverable
     * credential, user verification and attestation settings.
     */
    String creationOptions(
            DevicePolicyValues.Fido2 rules,
            String rpName,
            String userId,
            String username,
            List<String> excludeCredentialIds) {
        ObjectNode o = Json.object();
        o.putObject("rp").put("id", rules.relyingPartyId()).put("name", rpName);
        o.putObject("user")
                .put("id", Base64UrlUtil.encodeToString(userId.getBytes(StandardCharsets.UTF_8)))
                .put("name", username)
                .put("displayName", username);
        o.put("challenge", newChallenge());
        ArrayNode params = o.putArray("pubKeyCredParams");
        for (COSEAlgorithmIdentifier alg : ALGORITHMS) {
            params.addObject().put("type", "public-key").put("alg", alg.getValue());
        }
        o.put("timeout", timeout(rules));
        ArrayNode exclude = o.putArray("excludeCredentials");
        for (String id : excludeCredentialIds)
            exclude.addObject().put("type", "public-key").put("id", id);
        ObjectNode selection = o.putObject("authenticatorSelection");
        switch (rules.attachment()) {
            case "PLATFORM" -> selection.put("authenticatorAttachment", "platform");
            case "CROSS_PLATFORM" -> selection.put("authenticatorAttachment", "cross-platform");
            default -> {} // BOTH: the browser offers every kind
        }
        String residentKey = rules.discoverableCredentials().toLowerCase(Locale.ROOT);
        selection.put("residentKey", residentKey);
        selection.put("requireResidentKey", residentKey.equals("required"));
        selection.put("userVerification", rules.userVerification().toLowerCase(Locale.ROOT));
        o.put("attestation", rules.attestation().equals("DIRECT") ? "direct" : "none");
        return Json.write(o);
    }

    /**
     * Verifies {@code attestation} (the JSON of the {@code PublicKeyCredential} from {@code create()}) against the
     * options the device was given: challenge, {@code origin} (one of the accepted ones, and the one in the client
     * data), relying party id hash, user presence, user verification when the policy requires it, an allowed
     * algorithm, the attestation statement (and one that is not {@code none} when the policy asks for
     * {@code DIRECT}), and no backup-eligible credential when the policy forbids them.
     */
    Registered verifyRegistration(
            String creationOptions, DevicePolicyValues.Fido2 rules, String origin, String attestation) throws Refused {
        JsonNode options = Json.parse(creationOptions);
        String rpId = options.path("rp").path("id").asText();
        Origin accepted = acceptedOrigin(origin, rpId);
        JsonNode credential = credentialJson(attestation, "attestation");
        RegistrationData data;
        try {
            data = manager.parseRegistrationResponseJSON(attestation);
        } catch (RuntimeException e) {
            throw malformed("attestation", "a PublicKeyCredential from navigator.credentials.create()");
        }
        if (data.getAttestationObject() == null || data.getCollectedClientData() == null) {
            throw malformed("attestation", "a PublicKeyCredential from navigator.credentials.create()");
        }
        ServerProperty server = new ServerProperty(
                accepted, rpId, new DefaultChallenge(options.path("challenge").asText()));
        List<PublicKeyCredentialParameters> params = ALGORITHMS.stream()
                .map(a -> new PublicKeyCredentialParameters(PublicKeyCredentialType.PUBLIC_KEY, a))
                .toList();
        try {
            manager.verify(data, new RegistrationParameters(server, params, rules.userVerificationRequired(), true));
        } catch (VerificationException e) {
            throw refused("attestation", e);
        } catch (RuntimeException e) {
            throw new Refused("attestation", "The attestation could not be verified.", false);
        }
        var authenticatorData = data.getAttestationObject().getAuthenticatorData();
        if (rules.attestation().equals("DIRECT")
                && NoneAttestationStatement.FORMAT.equals(
                        data.getAttestationObject().getFormat())) {
            throw new Refused(
                    "attestation",
                    "The FIDO2 policy requires attestation (DIRECT), but the authenticator gave none.",
                    false);
        }
        if (!rules.allowBackup() && authenticatorData.isFlagBE()) {
            throw new Refused(
                    "attestation",
                    "The FIDO2 policy does not allow passkeys that can be backed up or synced; use a device-bound"
                            + " passkey or a security key.",
                    false);
        }
        String attachment = credential.path("authenticatorAttachment").asText(null);
        if (attachment != null && !attachment.equals("platform") && !attachment.equals("cross-platform")) {
            attachment = null;
        }
        if (attachment != null && !attachmentAllowed(rules.attachment(), attachment)) {
            throw new Refused(
                    "attestation",
                    "The FIDO2 policy allows only " + rules.attachment() + " authenticators; this one is " + attachment
                            + ".",
                    false);
        }
        AttestedCredentialData acd = authenticatorData.getAttestedCredentialData();
        return new Registered(new Fido2Credential(
                null,
                Base64UrlUtil.encodeToString(acd.getCredentialId()),
                Base64UrlUtil.encodeToString(credentials.convert(acd)),
                authenticatorData.getSignCount(),
                authenticatorData.isFlagBE(),
                attachment,
                rpId));
    }

    // ---------------------------------------------------------------- authentication

    /** Options for {@code navigator.credentials.get()}: a fresh challenge, the device's credential only. */
    String requestOptions(DevicePolicyValues.Fido2 rules, Fido2Credential credential) {
        ObjectNode o = Json.object();
        o.put("challenge", newChallenge());
        o.put("timeout", timeout(rules));
        o.put("rpId", credential.rpId());
        o.putArray("allowCredentials").addObject().put("type", "public-key").put("id", credential.credentialId());
        o.put("userVerification", rules.userVerification().toLowerCase(Locale.ROOT));
        return Json.write(o);
    }

    /**
     * Verifies {@code assertion} (the JSON of the {@code PublicKeyCredential} from {@code get()}) against the options
     * of this sign-on: the credential is the device's, challenge, origin, relying party id hash, signature, user
     * presence, user verification when the policy enforces it, and a signature counter that went up (when the
     * authenticator keeps one).
     */
    Asserted verifyAssertion(
            String requestOptions,
            DevicePolicyValues.Fido2 rules,
            Fido2Credential credential,
            String origin,
            String assertion)
            throws Refused {
        JsonNode options = Json.parse(requestOptions);
        String rpId = options.path("rpId").asText();
        Origin accepted = acceptedOrigin(origin, rpId);
        credentialJson(assertion, "assertion");
        AuthenticationData data;
        try {
            data = manager.parseAuthenticationResponseJSON(assertion);
        } catch (RuntimeException e) {
            throw malformed("assertion", "a PublicKeyCredential from navigator.credentials.get()");
        }
        if (data.getAuthenticatorData() == null || data.getCollectedClientData() == null) {
            throw malformed("assertion", "a PublicKeyCredential from navigator.credentials.get()");
        }
        byte[] expectedId = Base64UrlUtil.decode(credential.credentialId());
        if (!java.util.Arrays.equals(expectedId, data.getCredentialId())) {
            throw new Refused("assertion", "The assertion is not from this device's credential.", false);
        }
        AttestedCredentialData acd = credentials.convert(Base64UrlUtil.decode(credential.attestedCredentialData()));
        CredentialRecordImpl record = new CredentialRecordImpl(
                new NoneAttestationStatement(),
                null,
                credential.backupEligible(),
                null,
                credential.signCount(),
                acd,
                null,
                null,
                null,
                null);
        ServerProperty server = new ServerProperty(
                accepted, rpId, new DefaultChallenge(options.path("challenge").asText()));
        try {
            manager.verify(
                    data,
                    new AuthenticationParameters(
                            server, record, List.of(expectedId), rules.userVerificationRequiredAtSignOn(), true));
        } catch (VerificationException e) {
            throw refused("assertion", e);
        } catch (RuntimeException e) {
            throw new Refused("assertion", "The assertion could not be verified.", false);
        }
        return new Asserted(
                data.getAuthenticatorData().getSignCount(),
                data.getAuthenticatorData().isFlagUV());
    }

    // ---------------------------------------------------------------- helpers

    /** The origin, if Latchkey accepts it for {@code rpId}: its own public origin, or the relying party's. */
    private Origin acceptedOrigin(String origin, String rpId) throws Refused {
        String normal = originOf(origin);
        if (normal == null || !Set.of(publicOrigin, "https://" + rpId).contains(normal)) {
            throw new Refused(
                    "origin",
                    "The origin must be " + publicOrigin + " or https://" + rpId + " (the relying party).",
                    true);
        }
        return new Origin(normal);
    }

    /** {@code scheme://host[:port]} of a URL, lower case, without a default port; null when it is not one. */
    static String originOf(String url) {
        try {
            URI u = URI.create(url);
            if (u.getScheme() == null || u.getHost() == null) return null;
            String scheme = u.getScheme().toLowerCase(Locale.ROOT);
            if (!scheme.equals("https") && !scheme.equals("http")) return null;
            int port = u.getPort();
            boolean defaultPort =
                    port == -1 || scheme.equals("https") && port == 443 || scheme.equals("http") && port == 80;
            return scheme + "://" + u.getHost().toLowerCase(Locale.ROOT) + (defaultPort ? "" : ":" + port);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private static JsonNode credentialJson(String text, String target) throws Refused {
        try {
            JsonNode n = Json.parse(text);
            if (n.isObject()) return n;
        } catch (IllegalArgumentException e) {
            // reported below
        }
        throw malformed(target, "the JSON of a PublicKeyCredential");
    }

    private static Refused malformed(String target, String what) {
        return new Refused(target, "'" + target + "' must be " + what + " (PublicKeyCredential.toJSON()).", true);
    }

    /** A verification failure, said in words a developer can act on (never the key or the signature). */
    private static Refused refused(String target, VerificationException e) {
        String message = switch (e) {
            case BadChallengeException x -> "The " + target + " does not answer this challenge.";
            case BadOriginException x -> "The " + target + " was made for another origin.";
            case BadRpIdException x -> "The " + target + " was made for another relying party.";
            case BadSignatureException x -> "The " + target + "'s signature is not valid.";
            case MaliciousCounterValueException x ->
                "The authenticator's signature counter did not increase: the " + target
                        + " was replayed or the authenticator was cloned.";
            case UserNotVerifiedException x ->
                "The FIDO2 policy requires user verification (PIN or biometrics); the authenticator did not"
                        + " verify the user.";
            case UserNotPresentException x -> "The authenticator did not test the user's presence.";
            case NotAllowedCredentialIdException x -> "The " + target + " is not from an allowed credential.";
            case NotAllowedAlgorithmException x -> "The credential's algorithm is not allowed.";
            case BadBackupEligibleFlagException x -> "The credential's backup eligibility changed.";
            case InconsistentClientDataTypeException x -> "The " + target + "'s client data is of the wrong type.";
            default -> "The " + target + " could not be verified.";
        };
        return new Refused(target, message, false);
    }

    private static boolean attachmentAllowed(String policy, String attachment) {
        return switch (policy) {
            case "PLATFORM" -> attachment.equals("platform");
            case "CROSS_PLATFORM" -> attachment.equals("cross-platform");
            default -> true;
        };
    }

    private static long timeout(DevicePolicyValues.Fido2 rules) {
        return (rules.userPresenceTimeout() != null ? rules.userPresenceTimeout() : DEFAULT_TIMEOUT).toMillis();
    }

    private static String newChallenge() {
        byte[] b = new byte[32];
        RANDOM.nextBytes(b);
        return Base64UrlUtil.encodeToString(b);
    }
}
