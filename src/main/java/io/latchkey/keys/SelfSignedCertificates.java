package io.latchkey.keys;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import javax.security.auth.x500.X500Principal;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaCertStore;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.cms.CMSAbsentContent;
import org.bouncycastle.cms.CMSException;
import org.bouncycastle.cms.CMSSignedDataGenerator;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * The X.509 certificate of a signing key, signed by the key itself, as PingOne makes for a generated key; and its
 * exports ({@code application/x-x509-ca-cert} as PEM, {@code application/x-pkcs7-certificates} as DER PKCS#7).
 * Bouncy Castle builds it; the JDK's own providers do the maths.
 */
final class SelfSignedCertificates {
    private SelfSignedCertificates() {}

    /** Whether {@code dn} is a distinguished name a certificate can carry ({@code CN=..., O=...}). */
    static boolean isDistinguishedName(String dn) {
        try {
            // The JDK reads it as RFC 2253 says (the first name is the most specific: CN=..., O=..., C=...).
            return new X500Principal(dn).getEncoded().length > 2;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    /** The DER certificate, base64. Times are whole seconds (X.509's precision). */
    static String issue(
            PublicKey publicKey,
            PrivateKey privateKey,
            String signatureAlgorithm,
            String subjectDn,
            String issuerDn,
            long serialNumber,
            long startsAt,
            long expiresAt) {
        try {
            var builder = new JcaX509v3CertificateBuilder(
                    new X500Principal(issuerDn),
                    BigInteger.valueOf(serialNumber),
                    new Date(startsAt),
                    new Date(expiresAt),
                    new X500Principal(subjectDn),
                    publicKey);
            X509CertificateHolder holder =
                    builder.build(new JcaContentSignerBuilder(signatureAlgorithm).build(privateKey));
            return Base64.getEncoder().encodeToString(holder.getEncoded());
        } catch (OperatorCreationException | IOException e) {
            throw new IllegalStateException("Could not make the key's certificate", e);
        }
    }

    static String pem(String certificateBase64) {
        return "-----BEGIN CERTIFICATE-----\n"
                + Base64.getMimeEncoder(64, new byte[] {'\n'})
                        .encodeToString(Base64.getDecoder().decode(certificateBase64))
                + "\n-----END CERTIFICATE-----\n";
    }

    /** A degenerate PKCS#7 SignedData holding only the certificate (what {@code .p7b} files are). */
    static byte[] pkcs7(String certificateBase64) {
        try {
            X509Certificate cert = (X509Certificate) CertificateFactory.getInstance("X.509")
                    .generateCertificate(
                            new ByteArrayInputStream(Base64.getDecoder().decode(certificateBase64)));
            CMSSignedDataGenerator generator = new CMSSignedDataGenerator();
            generator.addCertificates(new JcaCertStore(List.of(cert)));
            return generator.generate(new CMSAbsentContent(), false).getEncoded();
        } catch (GeneralSecurityException | CMSException | IOException e) {
            throw new IllegalStateException("Could not export the key's certificate", e);
        }
    }
}
