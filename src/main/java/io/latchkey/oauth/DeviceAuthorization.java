package io.latchkey.oauth;

import java.util.List;

/**
 * One device authorization (RFC 8628): what a device asked for at {@code /as/device_authorization}, and what the
 * user decided on the verification page. The device code and user code themselves are never kept, only their hashes.
 *
 * @param signOn the user's sign-on when {@link Status#APPROVED}; null before
 */
public record DeviceAuthorization(
        String id,
        String environmentId,
        String applicationId,
        List<String> scopes,
        Status status,
        int intervalSeconds,
        String grantId,
        String userId,
        TokenGrant.SignOn signOn,
        long expiresAt,
        Long usedAt) {

    public enum Status {
        PENDING,
        APPROVED,
        DENIED
    }

    public boolean expired(long now) {
        return expiresAt <= now;
    }
}
