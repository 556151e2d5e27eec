package io.latchkey.mfa.authentications;

import java.util.Set;

/** Device types as this API treats them (PingOne's names, as {@link io.latchkey.flows.MultiFactor} gives them). */
final class DeviceKinds {
    /** Types answered with a passcode; FIDO2 joins when there is an assertion check to offer here. */
    private static final Set<String> PASSCODE = Set.of("EMAIL", "SMS", "VOICE", "TOTP");

    private DeviceKinds() {}

    static boolean answersWithPasscode(String type) {
        return PASSCODE.contains(type);
    }

    /** Types to which a passcode is sent on selection (a TOTP app computes its own). */
    static boolean sendsOtp(String type) {
        return type.equals("EMAIL") || type.equals("SMS") || type.equals("VOICE");
    }
}
