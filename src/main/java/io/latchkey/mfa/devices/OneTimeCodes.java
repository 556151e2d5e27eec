package io.latchkey.mfa.devices;

import io.latchkey.crypto.Secrets;
import java.security.SecureRandom;

/**
 * The codes sent to EMAIL, SMS and VOICE devices: random digits, stored only as a hash bound to the device (so equal
 * codes of two devices hash apart), compared in constant time. Short and guessable offline, they are protected by
 * their lifetime and the failure count, not by the hash alone.
 */
final class OneTimeCodes {
    private static final SecureRandom RANDOM = new SecureRandom();

    private OneTimeCodes() {}

    static String newCode(int length) {
        StringBuilder code = new StringBuilder(length);
        for (int i = 0; i < length; i++) code.append((char) ('0' + RANDOM.nextInt(10)));
        return code.toString();
    }

    static String hash(String deviceId, String code) {
        return Secrets.hash(deviceId + ":" + code);
    }

    static boolean matches(String deviceId, String code, String storedHash) {
        return storedHash != null && Secrets.constantTimeEquals(hash(deviceId, code), storedHash);
    }
}
