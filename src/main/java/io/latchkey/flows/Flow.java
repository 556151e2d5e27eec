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

    /** The same flow for another application (a device flow learns its application from the user code). */
    public Flow withApplication(String newApplicationId) {
        return new Flow(
                id,
                environmentId,
                newApplicationId,
                browserHash,
                status,
                request,
                userId,
                sessionId,
                data,
                createdAt,
                updatedAt,
                expiresAt);
    }

    /** Whether the flow runs a device authorization grant (started at {@code /{envId}/device}), not an authorize. */
    public boolean deviceGrant() {
        return data.has(FlowService.DEVICE_GRANT);
    }
}
