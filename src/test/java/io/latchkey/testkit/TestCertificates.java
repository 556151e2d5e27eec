package io.latchkey.testkit;

import java.io.IOException;
import java.io.OutputStream;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.asn1.sec.ECPrivateKey;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.openssl.jcajce.JcaPKCS8Generator;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.util.io.pem.PemObject;

/**
 * A throw-away certificate authority made in the test (no private key is ever committed), the server certificates it
 * issues for {@code localhost}, written as PEM or PKCS#12, and HTTP clients that trust it.
 */
public final class TestCertificates {
    private static final SecureRandom RANDOM = new SecureRandom();

    /** A server certificate with its key pair; the chain is the certificate and the authority's. */
    public record Issued(X509Certificate certificate, KeyPair keys, X509Certificate authority) {
        public BigInteger serial() {
            return certificate.getSerialNumber();
        }

        /** The chain as PEM (server certificate first) and the key as PKCS#8, or PKCS#1/SEC1 ("RSA/EC PRIVATE KEY"). */
        public void writePem(Path certFile, Path keyFile, boolean pkcs8) {
            StringWriter chain = new StringWriter();
            StringWriter key = new StringWriter();
            try (JcaPEMWriter c = new JcaPEMWriter(chain);
                    JcaPEMWriter k = new JcaPEMWriter(key)) {
                c.writeObject(certificate);
                c.writeObject(authority);
                if (pkcs8) k.writeObject(new JcaPKCS8Generator(keys.getPrivate(), null));
                else k.writeObject(traditional(keys.getPrivate()));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            replace(certFile, chain.toString());
            replace(keyFile, key.toString());
        }

        /**
         * "RSA PRIVATE KEY" (PKCS#1) or "EC PRIVATE KEY" (SEC1) as openssl writes them. For EC the curve goes into the
         * structure: the JDK's PKCS#8 encoding keeps it outside, and BC would write a SEC1 key without it.
         */
        private static Object traditional(PrivateKey key) throws IOException {
            if (!key.getAlgorithm().equals("EC")) return key;
            PrivateKeyInfo info = PrivateKeyInfo.getInstance(key.getEncoded());
            ECPrivateKey sec1 = ECPrivateKey.getInstance(info.parsePrivateKey());
            return new PemObject(
                    "EC PRIVATE KEY",
                    new ECPrivateKey(
                                    256,
                                    sec1.getKey(),
                                    info.getPrivateKeyAlgorithm().getParameters())
                            .getEncoded());
        }

        /** A PKCS#12 keystore with the key and chain under {@code password}. */
        public void writePkcs12(Path file, String password) {
            try (OutputStream out = Files.newOutputStream(file)) {
                KeyStore store = KeyStore.getInstance("PKCS12");
                store.load(null, null);
                store.setKeyEntry(
                        "server", keys.getPrivate(), password.toCharArray(), new Certificate[] {certificate, authority
                        });
                store.store(out, password.toCharArray());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException(e);
            }
        }
    }

    private final KeyPair authorityKeys;
    private final X509Certificate authority;

    private TestCertificates(KeyPair authorityKeys, X509Certificate authority) {
        this.authorityKeys = authorityKeys;
        this.authority = authority;
    }

    /** A new authority (RSA 2048). */
    public static TestCertificates newAuthority() {
        KeyPair keys = keyPair("RSA");
        X500Name name = new X500Name("CN=Latchkey Test CA " + RANDOM.nextInt(1_000_000));
        return new TestCertificates(keys, sign(name, name, keys, keys.getPublic(), true));
    }

    /** A certificate for {@code localhost} and 127.0.0.1 with a new key ({@code "RSA"} or {@code "EC"}). */
    public Issued issue(String keyAlgorithm) {
        KeyPair keys = keyPair(keyAlgorithm);
        X509Certificate certificate = sign(
                X500Name.getInstance(authority.getSubjectX500Principal().getEncoded()),
                new X500Name("CN=localhost"),
                authorityKeys,
                keys.getPublic(),
                false);
        return new Issued(certificate, keys, authority);
    }

    /** An HTTP client (new connections, its own TLS context) that trusts this authority and prefers {@code version}. */
    public HttpClient client(HttpClient.Version version) {
        try {
            KeyStore trusted = KeyStore.getInstance("PKCS12");
            trusted.load(null, null);
            trusted.setCertificateEntry("ca", authority);
            TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            tmf.init(trusted);
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, tmf.getTrustManagers(), null);
            return HttpClient.newBuilder()
                    .sslContext(context)
                    .version(version)
                    .connectTimeout(Duration.ofSeconds(10))
                    .followRedirects(HttpClient.Redirect.NEVER)
                    .build();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static X509Certificate sign(
            X500Name issuer, X500Name subject, KeyPair issuerKeys, java.security.PublicKey key, boolean ca) {
        Instant now = Instant.now();
        try {
            JcaX509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(
                    issuer,
                    new BigInteger(64, RANDOM).add(BigInteger.ONE),
                    Date.from(now.minus(Duration.ofMinutes(5))),
                    Date.from(now.plus(Duration.ofDays(2))),
                    subject,
                    key);
            builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(ca));
            if (!ca) {
                builder.addExtension(Extension.subjectAlternativeName, false, new GeneralNames(new GeneralName[] {
                    new GeneralName(GeneralName.dNSName, "localhost"),
                    new GeneralName(GeneralName.iPAddress, "127.0.0.1")
                }));
            }
            return new JcaX509CertificateConverter()
                    .getCertificate(
                            builder.build(new JcaContentSignerBuilder("SHA256withRSA").build(issuerKeys.getPrivate())));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (GeneralSecurityException | OperatorCreationException e) {
            throw new IllegalStateException(e);
        }
    }

    private static KeyPair keyPair(String algorithm) {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance(algorithm);
            if (algorithm.equals("EC")) generator.initialize(new ECGenParameterSpec("secp256r1"));
            else generator.initialize(2048);
            return generator.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Writes beside the file and moves it in, as certificate tools do: a reader never sees half a file. */
    private static void replace(Path file, String text) {
        try {
            Path temp = Files.createTempFile(file.toAbsolutePath().getParent(), ".new-", ".pem");
            Files.writeString(temp, text, StandardCharsets.US_ASCII);
            Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
