package io.latchkey.http;

import java.nio.file.Path;

/**
 * How HTTPS is served: a PEM certificate chain and private key, or a PKCS#12 keystore with its password, and an
 * optional plain-HTTP port that only redirects to https. Read and checked at start by {@link TlsEdge#load}.
 *
 * @param certFile             PEM certificate chain, the server's own certificate first
 * @param keyFile              PEM private key of that certificate (PKCS#8, PKCS#1 RSA or SEC1 EC), unencrypted
 * @param keystore             PKCS#12 file holding the key and its chain (instead of the two PEM files)
 * @param keystorePassword     its password, from the environment only (a secret); may be null
 * @param keystorePasswordFile a file holding that password instead (e.g. a mounted secret); may be null
 * @param redirectPort         plain-HTTP port answering 308 to the https URL; null means none
 */
public record TlsSettings(
        Path certFile,
        Path keyFile,
        Path keystore,
        String keystorePassword,
        Path keystorePasswordFile,
        Integer redirectPort) {

    /** Never the password: records print every component. */
    @Override
    public String toString() {
        return "TlsSettings[certFile=" + certFile + ", keyFile=" + keyFile + ", keystore=" + keystore
                + ", keystorePasswordFile=" + keystorePasswordFile + ", redirectPort=" + redirectPort + "]";
    }
}
