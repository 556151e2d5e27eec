package io.latchkey.sessions;

import java.util.List;

/** A browser's authenticated session: who signed on, how ({@code amr}) and when. Its id is the {@code sid} claim. */
public record SignOnSession(String id, String environmentId, String userId, List<String> amr, long authTime,
                            long createdAt, long expiresAt) {}
