package io.latchkey.mfa.devices;

/** A device is usable for sign-on once ACTIVE; until then it waits for its first code. */
public enum DeviceStatus {
    ACTIVATION_REQUIRED,
    ACTIVE
}
