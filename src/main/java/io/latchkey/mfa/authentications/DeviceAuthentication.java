package io.latchkey.mfa.authentications;

import io.latchkey.flows.MultiFactor;
import java.util.List;

/**
 * One MFA-only transaction: the user, the MFA policy that runs it, the devices offered (as shown: masked) in the user's
 * order, the selected one (null until chosen), and, once FAILED, why.
 */
public record DeviceAuthentication(
        String id,
        String environmentId,
        String userId,
        String policyId,
        DeviceAuthenticationStatus status,
        List<MultiFactor.Device> devices,
        String selectedDeviceId,
        String errorCode,
        String errorMessage,
        long createdAt,
        long updatedAt,
        long expiresAt) {

    public DeviceAuthentication {
        devices = List.copyOf(devices);
    }

    DeviceAuthentication moved(DeviceAuthenticationStatus to, String selected, long now) {
        return new DeviceAuthentication(
                id,
                environmentId,
                userId,
                policyId,
                to,
                devices,
                selected,
                errorCode,
                errorMessage,
                createdAt,
                now,
                expiresAt);
    }

    /** Whether {@code device.select} is offered while a passcode is asked for: another device, or a new passcode. */
    boolean canSelectAgain() {
        if (devices.size() > 1) return true;
        return devices.stream().anyMatch(d -> d.id().equals(selectedDeviceId) && DeviceKinds.sendsOtp(d.type()));
    }
}
