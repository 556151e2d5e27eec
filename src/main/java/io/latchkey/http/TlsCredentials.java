package io.latchkey.http;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.UnrecoverableKeyException;
import java.security.cert.Certificate;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HexFormat;
import java.util.List;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.openssl.PEMEncryptedKeyPair;
import org.bouncycastle.openssl.PEMKeyPair;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.openssl.jcajce.JcaPEMKeyConverter;
import org.bouncycastle.pkcs.PKCS8EncryptedPrivateKeyInfo;

/**
 * The server's key and certificate chain, read from PEM files or a PKCS#12 keystore and checked (the key belongs to
 * the certificate) before anything is served, as an in-memory keystore Jetty serves from.
 *
 * @param store       keystore with the key entries
 * @param password    password of {@code store} and its key entries
 * @param certificate the (first) server certificate, for the log
 */
record TlsCredentials(KeyStore store, String password, X509Certificate certificate) {
    private static final String PEM_ALIAS = "latchkey";

    /** Reads the files {@code settings} name; a {@link TlsException} saying what to fix when they cannot be served. */
    static TlsCredentials load(TlsSettings settings) {
        boolean pem = settings.certFile() != null || settings.keyFile() != null;
        if (pem && settings.keystore() != null) {
            throw new TlsException(
                    "Give either --tls-cert-file and --tls-key-file (PEM) or --tls-keystore (PKCS#12)," + " not both.");
        }
        if (pem) {
            if (settings.certFile() == null) {
                throw new TlsException("--tls-key-file needs --tls-cert-file (LATCHKEY_TLS_CERT_FILE): the PEM"
                        + " certificate chain of that key.");
            }
            if (settings.keyFile() == null) {
                throw new TlsException("--tls-cert-file needs --tls-key-file (LATCHKEY_TLS_KEY_FILE): the PEM private"
                        + " key of that certificate.");
            }
            return fromPem(settings.certFile(), settings.keyFile());
        }
        if (settings.keystore() != null) return fromPkcs12(settings.keystore(), password(settings));
        throw new TlsException(
                "--http-redirect-port needs TLS: give --tls-cert-file and --tls-key-file, or" + " --tls-keystore.");
    }

    /** A one-line description for the log: subject, serial and expiry; nothing secret. */
    String describe() {
        return certificate.getSubjectX500Principal().getName() + " (serial "
                + certificate.getSerialNumber().toString(16) + ", valid until "
                + certificate.getNotAfter().toInstant()
                + ")";
    }

    private static String password(TlsSettings settings) {
        if (settings.keystorePasswordFile() == null) return settings.keystorePassword();
        if (settings.keystorePassword() != null) {
            throw new TlsException("Give the keystore password either in LATCHKEY_TLS_KEYSTORE_PASSWORD or in"
                    + " --tls-keystore-password-file, not both.");
        }
        String text = new String(
                read(settings.keystorePasswordFile(), "--tls-keystore-password-file"), StandardCharsets.UTF_8);
        // A file written by echo or an editor ends with a line break that is no part of the password.
        return text.endsWith("\r\n")
                ? text.substring(0, text.length() - 2)
                : text.endsWith("\n") ? text.substring(0, text.length() - 1) : text;
    }

    private static TlsCredentials fromPkcs12(Path file, String password) {
        char[] secret = password == null ? new char[0] : password.toCharArray();
        KeyStore store;
        try (InputStream in = new ByteArrayInputStream(read(file, "--tls-keystore"))) {
            store = KeyStore.getInstance("PKCS12");
            store.load(in, secret);
        } catch (IOException | GeneralSecurityException e) {
            throw new TlsException("The TLS keystore " + file + " cannot be opened with the password given"
                    + " (LATCHKEY_TLS_KEYSTORE_PASSWORD or --tls-keystore-password-file): a wrong password, or not a"
                    + " PKCS#12 file.");
        }
        X509Certificate first = null;
        try {
            for (String alias : Collections.list(store.aliases())) {
                if (!store.isKeyEntry(alias)) continue;
                PrivateKey key = (PrivateKey) store.getKey(alias, secret);
                Certificate[] chain = store.getCertificateChain(alias);
                if (chain == null || chain.length == 0 || !(chain[0] instanceof X509Certificate leaf)) {
                    throw new TlsException(
                            "The TLS keystore " + file + " holds the key \"" + alias + "\" without its certificate.");
                }
                requireMatch(key, leaf, "The key \"" + alias + "\" in the TLS keystore " + file);
                if (first == null) first = leaf;
            }
        } catch (UnrecoverableKeyException e) {
            throw new TlsException("The private key in the TLS keystore " + file + " has a password other than the"
                    + " keystore's: give both the same password.");
        } catch (GeneralSecurityException e) {
            throw new TlsException("The TLS keystore " + file + " holds a key or certificate this Java cannot read.");
        }
        if (first == null) {
            throw new TlsException("The TLS keystore " + file + " holds no private key with its certificate.");
        }
        return new TlsCredentials(store, password == null ? "" : password, first);
    }

    private static TlsCredentials fromPem(Path certFile, Path keyFile) {
        List<X509Certificate> chain = certificates(certFile);
        PrivateKey key = privateKey(keyFile);
        requireMatch(key, chain.getFirst(), "The TLS key file " + keyFile);
        try {
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(null, null);
            // The store lives in memory only; its password guards nothing, but Jetty needs one to read the key.
            String password = HexFormat.of().formatHex(randomBytes());
            store.setKeyEntry(PEM_ALIAS, key, password.toCharArray(), chain.toArray(new Certificate[0]));
            return new TlsCredentials(store, password, chain.getFirst());
        } catch (IOException | GeneralSecurityException e) {
            throw new TlsException(
                    "The TLS key in " + keyFile + " cannot be kept with its certificate chain in " + certFile + ".");
        }
    }

    private static byte[] randomBytes() {
        byte[] bytes = new byte[16];
        new SecureRandom().nextBytes(bytes);
        return bytes;
    }

    private static List<X509Certificate> certificates(Path file) {
        List<X509Certificate> chain = new ArrayList<>();
        JcaX509CertificateConverter converter = new JcaX509CertificateConverter();
        for (Object o : pemObjects(file, "--tls-cert-file")) {
            if (!(o instanceof X509CertificateHolder holder)) continue;
            try {
                chain.add(converter.getCertificate(holder));
            } catch (CertificateException e) {
                throw new TlsException(
                        "The TLS certificate file " + file + " holds a certificate that cannot be read.");
            }
        }
        if (chain.isEmpty()) {
            throw new TlsException("The TLS certificate file " + file + " holds no PEM certificate (-----BEGIN"
                    + " CERTIFICATE-----).");
        }
        return chain;
    }

    private static PrivateKey privateKey(Path file) {
        JcaPEMKeyConverter converter = new JcaPEMKeyConverter();
        for (Object o : pemObjects(file, "--tls-key-file")) {
            try {
                if (o instanceof PrivateKeyInfo info) return converter.getPrivateKey(info); // PKCS#8
                // PKCS#1, SEC1 EC: the private part alone, since SEC1 may leave the public key out.
                if (o instanceof PEMKeyPair pair) return converter.getPrivateKey(pair.getPrivateKeyInfo());
            } catch (IOException e) {
                throw new TlsException(
                        "The TLS key file " + file + " holds a private key of a kind this Java cannot" + " use.");
            }
            if (o instanceof PKCS8EncryptedPrivateKeyInfo || o instanceof PEMEncryptedKeyPair) {
                throw new TlsException("The TLS key file " + file + " is encrypted: give it unencrypted (openssl pkey"
                        + " -in key.pem -out plain.pem), readable by Latchkey only, or use a PKCS#12 keystore.");
            }
        }
        throw new TlsException("The TLS key file " + file + " holds no PEM private key (-----BEGIN PRIVATE KEY-----,"
                + " RSA PRIVATE KEY or EC PRIVATE KEY).");
    }

    private static List<Object> pemObjects(Path file, String option) {
        List<Object> objects = new ArrayList<>();
        String pem = new String(read(file, option), StandardCharsets.US_ASCII);
        try (Reader text = new StringReader(pem);
                PEMParser parser = new PEMParser(text)) {
            for (Object o = parser.readObject(); o != null; o = parser.readObject()) objects.add(o);
        } catch (IOException | RuntimeException e) {
            // Never the parser's message: it can quote the file's bytes, which may be key material.
            throw new TlsException("The file " + file + " (" + option + ") is not valid PEM.");
        }
        return objects;
    }

    private static byte[] read(Path file, String option) {
        try {
            return Files.readAllBytes(file);
        } catch (IOException e) {
            throw new TlsException("The file " + file.toAbsolutePath() + " (" + option + ") cannot be read: "
                    + (Files.exists(file) ? "no permission, or not a file." : "it does not exist."));
        }
    }

    /** Signs with the key and verifies with the certificate: a key that is not the certificate's fails here. */
    private static void requireMatch(PrivateKey key, X509Certificate certificate, String what) {
        String algorithm = switch (key.getAlgorithm()) {
            case "RSA" -> "SHA256withRSA";
            case "EC" -> "SHA256withECDSA";
            case "Ed25519", "Ed448", "EdDSA" -> "EdDSA";
            default -> null; // another kind: JSSE itself refuses a mismatch at the handshake
        };
        if (algorithm == null) return;
        byte[] probe = "latchkey-tls-key-check".getBytes(StandardCharsets.US_ASCII);
        boolean matches;
        try {
            Signature signer = Signature.getInstance(algorithm);
            signer.initSign(key);
            signer.update(probe);
            byte[] signature = signer.sign();
            Signature verifier = Signature.getInstance(algorithm);
            verifier.initVerify(certificate.getPublicKey());
            verifier.update(probe);
            matches = verifier.verify(signature);
        } catch (GeneralSecurityException e) {
            matches = false;
        }
        if (!matches) {
            throw new TlsException(what + " is not the private key of the certificate "
                    + certificate.getSubjectX500Principal().getName() + ": give the key it was issued for.");
        }
    }
}
