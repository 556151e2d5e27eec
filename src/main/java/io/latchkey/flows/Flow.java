package io.latchkey.flows;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * One sign-on in progress. {@code request} is the validated authorize request, kept as the JSON text {@code oauth/}
 * wrote (flows never read it: it goes back to {@code /as/resume} as it came); {@code data} holds step data (e.g. the
 * user a recovery is for).
 */
public record Flow(
        String id,
        String environmentId,
        String applicationId,
        String browserHash,
        FlowStatus status,
        String request,
        String userId,
        String sessionId,
        ObjectNode data,
        long createdAt,
        long updatedAt,
        long expiresAt) {

    public Flow with(
            FlowStatus newStatus, String newUserId, String newSessionId, ObjectNode newData, long now, long newExpiry) {
        return new Flow(
                id,
                environmentId,
                applicationId,
                browserHash,
                newStatus,
                request,
                newUserId,
                newSessionId,
                newData,
                createdAt,
                now,
                newExpiry);
    }
}
