package io.latchkey.sessions;

import java.util.List;

/**
 * A browser's authenticated session: who signed on, how ({@code amr}), under which sign-on policy ({@code acr}, its
 * name; null for sessions from before it was kept) and when. Its id is the {@code sid} claim. {@code lastUsedAt} is
 * PingOne's {@code activeAt}; {@code remoteIp} and {@code userAgent} describe the browser that signed on (null for
 * sessions from before they were kept, and until the sign-on's answer records them).
 */
public record SignOnSession(
        String id,
        String environmentId,
        String userId,
        List<String> amr,
        String acr,
        long authTime,
        long createdAt,
        long expiresAt,
        long lastUsedAt,
        String remoteIp,
        String userAgent) {}
