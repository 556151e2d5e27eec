package io.latchkey.crypto;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Encrypts secrets that must be readable again (client and resource secrets, signing private keys) with
 * AES-256-GCM under the master key. Stored form: {@code v1:} + base64(nonce || ciphertext+tag).
 */
public final class SecretBox {
    private static final String PREFIX = "v1:";
    private static final int NONCE_BYTES = 12;
    private static final SecureRandom RANDOM = new SecureRandom();

    private final SecretKeySpec key;

    public SecretBox(byte[] key) {
        if (key.length != 32) throw new IllegalArgumentException("The master key must be 32 bytes (AES-256).");
        this.key = new SecretKeySpec(key, "AES");
    }

    /**
     * The master key from {@code LATCHKEY_MASTER_KEY} (base64 of 32 bytes) if given, else from
     * {@code master.key} in the data dir, created (owner-only) on first start.
     */
    public static SecretBox load(String base64Key, Path dataDir) {
        if (base64Key != null && !base64Key.isBlank()) {
            return new SecretBox(Base64.getDecoder().decode(base64Key.trim()));
        }
        Path file = dataDir.resolve("master.key");
        try {
            if (!Files.exists(file)) {
                Files.createDirectories(dataDir);
                byte[] fresh = new byte[32];
                RANDOM.nextBytes(fresh);
                // Owner-only from its creation, not after the key is in it.
                try {
                    Files.createFile(
                            file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
                } catch (UnsupportedOperationException notPosix) {
                    Files.createFile(file);
                }
                Files.writeString(file, Base64.getEncoder().encodeToString(fresh), StandardOpenOption.WRITE);
            }
            return new SecretBox(
                    Base64.getDecoder().decode(Files.readString(file).trim()));
        } catch (IOException e) {
            throw new IllegalStateException("Cannot read or create the master key file " + file, e);
        }
    }

    public String encrypt(String plaintext) {
        try {
            byte[] nonce = new byte[NONCE_BYTES];
            RANDOM.nextBytes(nonce);
            Cipher c = Cipher.getInstance("AES/GCM/NoPadding");
            c.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(128, nonce));
            byte[] sealed = c.doFinal(plaintext.getBytes(StandardCharsets.UTF_8));
            return PREFIX
                    + Base64.getEncoder()
                            .encodeToString(ByteBuffer.allocate(nonce.length + sealed.length)
                                    .put(nonce)
                                    .put(sealed)
                                    .array());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM is not available", e);
        }
    }

    /** Decrypts; fails when the value was sealed under another master key or was altered. */
    public String decrypt(String stored) {
        if (!stored.startsWith(PREFIX)) throw new IllegalArgumentException("Unknown secret format");
        byte[] all = Base64.getDecoder().decode(stored.substring(PREFIX.length()));
        try {
            Cipher c = Cipher.getInstance("AES/GCM/NoPadding");
            c.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(128, all, 0, NONCE_BYTES));
            return new String(c.doFinal(all, NONCE_BYTES, all.length - NONCE_BYTES), StandardCharsets.UTF_8);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("A stored secret cannot be decrypted: wrong master key?", e);
        }
    }
}
