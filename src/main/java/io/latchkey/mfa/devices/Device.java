package io.latchkey.mfa.devices;

/**
 * One MFA device as stored. {@code fido2}: a FIDO2 device's pending options or its credential (null for other types).
 * The rest: {@code secretEnc} (TOTP, sealed) and {@code otpHash} (the pending activation code) never
 * leave the service. {@code otpExpiresAt}: when the pending code (EMAIL, SMS, VOICE) or the pairing (TOTP) ends.
 * {@code position}: the place set by a reorder, null for the default order (by activation).
 */
record Device(
        String id,
        String environmentId,
        String userId,
        DeviceType type,
        DeviceStatus status,
        String nickname,
        String email,
        String phone,
        String policyId,
        String secretEnc,
        Long lastTotpStep,
        String otpHash,
        Long otpExpiresAt,
        int failedCount,
        Long lockedUntil,
        Integer position,
        long createdAt,
        long updatedAt,
        Long activatedAt,
        Fido2Credential fido2) {

    boolean lockedAt(long now) {
        return lockedUntil != null && lockedUntil > now;
    }

    Device withNickname(String n, long now) {
        return new Device(
                id,
                environmentId,
                userId,
                type,
                status,
                n,
                email,
                phone,
                policyId,
                secretEnc,
                lastTotpStep,
                otpHash,
                otpExpiresAt,
                failedCount,
                lockedUntil,
                position,
                createdAt,
                now,
                activatedAt,
                fido2);
    }

    /** A wrong code: {@code failures} counted, locked until {@code until} (null: not locked). */
    Device withFailures(int failures, Long until, String pendingHash, long now) {
        return new Device(
                id,
                environmentId,
                userId,
                type,
                status,
                nickname,
                email,
                phone,
                policyId,
                secretEnc,
                lastTotpStep,
                pendingHash,
                otpExpiresAt,
                failures,
                until,
                position,
                createdAt,
                now,
                activatedAt,
                fido2);
    }

    /** A new activation code, the count started again. */
    Device withCode(String hash, long expiresAt, long now) {
        return new Device(
                id,
                environmentId,
                userId,
                type,
                status,
                nickname,
                email,
                phone,
                policyId,
                secretEnc,
                lastTotpStep,
                hash,
                expiresAt,
                0,
                lockedUntil,
                position,
                createdAt,
                now,
                activatedAt,
                fido2);
    }

    /** A sign-on code accepted: no pending code, no failures, the TOTP step spent (kept when none). */
    Device signedOn(Long totpStep, long now) {
        return new Device(
                id,
                environmentId,
                userId,
                type,
                status,
                nickname,
                email,
                phone,
                policyId,
                secretEnc,
                totpStep != null ? totpStep : lastTotpStep,
                null,
                null,
                0,
                null,
                position,
                createdAt,
                now,
                activatedAt,
                fido2);
    }

    /** Activated: no pending code, no failures, the TOTP step spent. */
    Device activated(Long totpStep, long now) {
        return new Device(
                id,
                environmentId,
                userId,
                type,
                DeviceStatus.ACTIVE,
                nickname,
                email,
                phone,
                policyId,
                secretEnc,
                totpStep,
                null,
                null,
                0,
                null,
                position,
                createdAt,
                now,
                now,
                fido2);
    }

    /** A FIDO2 device's new state: its pending options (a new pairing) or its credential after a sign-on. */
    Device withFido2(Fido2Credential f, long now) {
        return new Device(
                id,
                environmentId,
                userId,
                type,
                status,
                nickname,
                email,
                phone,
                policyId,
                secretEnc,
                lastTotpStep,
                otpHash,
                otpExpiresAt,
                0,
                null,
                position,
                createdAt,
                now,
                activatedAt,
                f);
    }

    /** A FIDO2 device activated with its credential: no pairing window, no failures. */
    Device fido2Activated(Fido2Credential credential, long now) {
        return new Device(
                id,
                environmentId,
                userId,
                type,
                DeviceStatus.ACTIVE,
                nickname,
                email,
                phone,
                policyId,
                secretEnc,
                lastTotpStep,
                null,
                null,
                0,
                null,
                position,
                createdAt,
                now,
                now,
                credential);
    }
}
