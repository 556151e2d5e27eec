package io.latchkey.mfa.devices;

import java.time.Duration;
import java.util.Map;

/**
 * PingOne's defaults (as the Terraform provider applies them; see the contract notes §1.3, §1.4): codes live 30
 * minutes, are 6 digits, and 3 wrong ones lock the device (no cool-down for sent codes, 2 minutes for TOTP); TOTP
 * accepts 5 steps of clock skew each side; 5 devices per user. Every policy id is accepted.
 */
public final class DefaultDevicePolicyValues implements DevicePolicyValues {
    static final SentCode SENT_CODE = new SentCode(Duration.ofMinutes(30), 6, 3, Duration.ZERO);
    static final Totp TOTP = new Totp(3, Duration.ofMinutes(2), 5, Map.of());
    static final int MAX_ALLOWED_DEVICES = 5;
    /** The "Passkeys" FIDO2 policy (docs/mfa.md), for a server at http://localhost. */
    static final Fido2 FIDO2 =
            new Fido2(3, Duration.ofMinutes(2), "localhost", "NONE", "BOTH", "REQUIRED", "REQUIRED", true, true, null);

    @Override
    public boolean policyExists(String env, String policyId) {
        return true;
    }

    @Override
    public SentCode sentCode(String env, String policyId, DeviceType type) {
        return SENT_CODE;
    }

    @Override
    public Totp totp(String env, String policyId) {
        return TOTP;
    }

    @Override
    public Fido2 fido2(String env, String policyId) {
        return FIDO2;
    }

    @Override
    public int maxAllowedDevices(String env) {
        return MAX_ALLOWED_DEVICES;
    }
}
