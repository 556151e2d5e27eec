package io.latchkey.mfa.devices;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.webauthn4j.converter.AttestationObjectConverter;
import com.webauthn4j.converter.AuthenticatorDataConverter;
import com.webauthn4j.converter.util.ObjectConverter;
import com.webauthn4j.data.attestation.AttestationObject;
import com.webauthn4j.data.attestation.authenticator.AAGUID;
import com.webauthn4j.data.attestation.authenticator.AttestedCredentialData;
import com.webauthn4j.data.attestation.authenticator.AuthenticatorData;
import com.webauthn4j.data.attestation.authenticator.EC2COSEKey;
import com.webauthn4j.data.attestation.statement.COSEAlgorithmIdentifier;
import com.webauthn4j.data.attestation.statement.NoneAttestationStatement;
import com.webauthn4j.data.extension.authenticator.AuthenticationExtensionAuthenticatorOutput;
import com.webauthn4j.data.extension.authenticator.RegistrationExtensionAuthenticatorOutput;
import com.webauthn4j.util.Base64UrlUtil;
import io.latchkey.http.Json;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.interfaces.ECPublicKey;
import java.security.spec.ECGenParameterSpec;

/**
 * A software WebAuthn authenticator for tests: an ES256 key, "none" attestation, and assertions signed by hand, as
 * {@code PublicKeyCredential.toJSON()} gives them. Its knobs make the wrong things a test needs: another origin, a
 * counter that does not go up, no user verification, a tampered signature.
 */
final class TestAuthenticator {
    private static final ObjectConverter CONVERTER = new ObjectConverter();

    final KeyPair key;
    final byte[] credentialId = new byte[16];
    final String attachment;
    long counter;
    /** Whether the authenticator verifies the user (sets UV). */
    boolean verifiesUser = true;

    TestAuthenticator(String attachment) {
        this.attachment = attachment;
        new SecureRandom().nextBytes(credentialId);
        try {
            KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
            g.initialize(new ECGenParameterSpec("secp256r1"));
            key = g.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    String credentialIdBase64Url() {
        return Base64UrlUtil.encodeToString(credentialId);
    }

    /** The attestation for {@code options} (the device's publicKeyCredentialCreationOptions) made at {@code origin}. */
    String create(String options, String origin) {
        JsonNode o = Json.parse(options);
        return create(o.path("rp").path("id").asText(), o.path("challenge").asText(), origin);
    }

    String create(String rpId, String challenge, String origin) {
        byte[] clientData = clientData("webauthn.create", challenge, origin);
        AttestedCredentialData acd = new AttestedCredentialData(
                AAGUID.ZERO,
                credentialId,
                EC2COSEKey.create((ECPublicKey) key.getPublic(), COSEAlgorithmIdentifier.ES256));
        AuthenticatorData<RegistrationExtensionAuthenticatorOutput> data =
                new AuthenticatorData<>(sha256(rpId.getBytes(StandardCharsets.UTF_8)), flags(true), counter, acd);
        byte[] attestation = new AttestationObjectConverter(CONVERTER)
                .convertToBytes(new AttestationObject(data, new NoneAttestationStatement()));
        ObjectNode response = Json.object()
                .put("clientDataJSON", Base64UrlUtil.encodeToString(clientData))
                .put("attestationObject", Base64UrlUtil.encodeToString(attestation));
        response.putArray("transports").add(attachment.equals("platform") ? "internal" : "usb");
        return credential(response);
    }

    /** An assertion for {@code options} (the flow's publicKeyCredentialRequestOptions) made at {@code origin}. */
    String get(String options, String origin) {
        JsonNode o = Json.parse(options);
        return get(o.path("rpId").asText(), o.path("challenge").asText(), origin, true);
    }

    /** As {@link #get(String, String)}; {@code advance}: whether the counter goes up (false: a replayed counter). */
    String get(String rpId, String challenge, String origin, boolean advance) {
        if (advance) counter++;
        byte[] clientData = clientData("webauthn.get", challenge, origin);
        AuthenticatorData<AuthenticationExtensionAuthenticatorOutput> data =
                new AuthenticatorData<>(sha256(rpId.getBytes(StandardCharsets.UTF_8)), flags(false), counter);
        byte[] authenticatorData = new AuthenticatorDataConverter(CONVERTER).convert(data);
        byte[] signature = sign(concat(authenticatorData, sha256(clientData)));
        ObjectNode response = Json.object()
                .put("clientDataJSON", Base64UrlUtil.encodeToString(clientData))
                .put("authenticatorData", Base64UrlUtil.encodeToString(authenticatorData))
                .put("signature", Base64UrlUtil.encodeToString(signature));
        return credential(response);
    }

    /** {@code assertion} with one bit of its signature flipped. */
    static String tamperSignature(String assertion) {
        ObjectNode n = (ObjectNode) Json.parse(assertion);
        byte[] sig = Base64UrlUtil.decode(n.path("response").path("signature").asText());
        sig[sig.length - 1] ^= 1;
        ((ObjectNode) n.get("response")).put("signature", Base64UrlUtil.encodeToString(sig));
        return Json.write(n);
    }

    private String credential(ObjectNode response) {
        ObjectNode n = Json.object()
                .put("id", credentialIdBase64Url())
                .put("rawId", credentialIdBase64Url())
                .put("type", "public-key")
                .put("authenticatorAttachment", attachment);
        n.set("response", response);
        n.putObject("clientExtensionResults");
        return Json.write(n);
    }

    private byte flags(boolean attested) {
        byte f = AuthenticatorData.BIT_UP;
        if (verifiesUser) f |= AuthenticatorData.BIT_UV;
        if (attested) f |= AuthenticatorData.BIT_AT;
        return f;
    }

    private static byte[] clientData(String type, String challenge, String origin) {
        ObjectNode c = Json.object()
                .put("type", type)
                .put("challenge", challenge)
                .put("origin", origin)
                .put("crossOrigin", false);
        return Json.write(c).getBytes(StandardCharsets.UTF_8);
    }

    private byte[] sign(byte[] data) {
        try {
            Signature s = Signature.getInstance("SHA256withECDSA");
            s.initSign(key.getPrivate());
            s.update(data);
            return s.sign();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    static byte[] sha256(byte[] b) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(b);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] c = new byte[a.length + b.length];
        System.arraycopy(a, 0, c, 0, a.length);
        System.arraycopy(b, 0, c, a.length, b.length);
        return c;
    }
}
