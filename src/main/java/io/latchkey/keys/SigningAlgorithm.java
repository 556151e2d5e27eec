package io.latchkey.keys;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.Curve;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * The signing keys Latchkey makes: PingOne's {@code algorithm}, {@code keyLength} and {@code signatureAlgorithm}
 * of a key, and the JWS algorithm its tokens carry. An EC key's curve fixes its JWS algorithm (ES256 is P-256 with
 * SHA-256, ES384 P-384 with SHA-384), so PingOne's other pairings of curve and hash are not offered.
 */
public enum SigningAlgorithm {
    RS256("RSA", "SHA256withRSA", List.of(2048, 3072, 4096), null),
    RS384("RSA", "SHA384withRSA", List.of(2048, 3072, 4096), null),
    RS512("RSA", "SHA512withRSA", List.of(2048, 3072, 4096), null),
    ES256("EC", "SHA256withECDSA", List.of(256), Curve.P_256),
    ES384("EC", "SHA384withECDSA", List.of(384), Curve.P_384);

    /** PingOne's {@code algorithm}: RSA or EC. */
    public final String keyType;
    /** PingOne's {@code signatureAlgorithm}, also the JCA name of the certificate's signature. */
    public final String signatureAlgorithm;
    /** The {@code keyLength} values accepted: RSA modulus bits, or the EC curve's size. */
    public final List<Integer> keyLengths;

    final Curve curve;

    SigningAlgorithm(String keyType, String signatureAlgorithm, List<Integer> keyLengths, Curve curve) {
        this.keyType = keyType;
        this.signatureAlgorithm = signatureAlgorithm;
        this.keyLengths = keyLengths;
        this.curve = curve;
    }

    public JWSAlgorithm jws() {
        return JWSAlgorithm.parse(name());
    }

    static SigningAlgorithm ofJws(String jwsName) {
        return valueOf(jwsName);
    }

    static Optional<SigningAlgorithm> of(String keyType, String signatureAlgorithm) {
        return Arrays.stream(values())
                .filter(a -> a.keyType.equals(keyType) && a.signatureAlgorithm.equals(signatureAlgorithm))
                .findFirst();
    }

    static List<String> signatureAlgorithms(String keyType) {
        return Arrays.stream(values())
                .filter(a -> a.keyType.equals(keyType))
                .map(a -> a.signatureAlgorithm)
                .toList();
    }
}
