package io.latchkey.mfa.devices;

import java.util.Arrays;
import java.util.List;
import java.util.Set;

/** The device types Latchkey serves. {@link #NOT_YET} lists PingOne's other types, refused with their own message. */
public enum DeviceType {
    EMAIL,
    SMS,
    VOICE,
    TOTP,
    /** Passkeys and security keys (WebAuthn); the FIDO2 policy says which kinds. */
    FIDO2;

    /**
     * PingOne device types Latchkey does not serve (yet); PLATFORM and SECURITY_KEY are PingOne's older names of
     * FIDO2 devices.
     */
    static final Set<String> NOT_YET = Set.of(
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

    /** Whether the device receives its codes (EMAIL, SMS, VOICE), as opposed to computing them (TOTP) or none. */
    boolean receivesCodes() {
        return this == EMAIL || this == SMS || this == VOICE;
    }

    /** Whether the device must prove itself before it is ACTIVE (TOTP with a first code, FIDO2 with attestation). */
    boolean alwaysPaired() {
        return this == TOTP || this == FIDO2;
    }

    boolean usesPhone() {
        return this == SMS || this == VOICE;
    }
}
