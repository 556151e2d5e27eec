package io.latchkey.http;

/**
 * A TLS setting that cannot be served (a missing file, a wrong password, a key that is not the certificate's), said
 * in one line that names the option to fix. Start-up prints the message alone, without a stack trace.
 */
public final class TlsException extends RuntimeException {
    public TlsException(String message) {
        super(message, null, false, false);
    }
}
