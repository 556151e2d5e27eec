package io.latchkey.mfa.devices;

import java.util.Arrays;
import java.util.List;
import java.util.Set;

/** The device types Latchkey serves. {@link #NOT_YET} lists PingOne's other types, refused with their own message. */
public enum DeviceType {
    EMAIL,
    SMS,
    VOICE,
    TOTP;

    /** PingOne device types Latchkey does not serve (yet): FIDO2 is the next slice. */
    static final Set<String> NOT_YET = Set.of(
            "FIDO2",
            "PLATFORM",
            "SECURITY_KEY",
            "MOBILE",
            "WHATSAPP",
            "OATH_TOKEN",
            "PINGID_DESKTOP_GEN2",
            "DESKTOP",
            "YUBIKEY");

    static List<String> names() {
        return Arrays.stream(values()).map(Enum::name).toList();
    }

    /** Whether the device receives its codes (EMAIL, SMS, VOICE), as opposed to computing them (TOTP). */
    boolean receivesCodes() {
        return this != TOTP;
    }

    boolean usesPhone() {
        return this == SMS || this == VOICE;
    }
}
