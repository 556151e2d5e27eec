package io.latchkey.activities;

/**
 * One audit activity as stored: what happened ({@code actionType}, PingOne's {@code action.type}), who did it (a user,
 * a client, or both), to which resource, with which result. Holds names and ids only, never a body or a secret.
 *
 * @param recordedAt ISO-8601 UTC with milliseconds ({@link ActivityTimes#format})
 * @param resultStatus {@code SUCCESS} or {@code FAILED}
 */
public record Activity(
        String id,
        String environmentId,
        String recordedAt,
        String correlationId,
        String actionType,
        String actorUserId,
        String actorUserName,
        String actorClientId,
        String resourceType,
        String resourceId,
        String resourceName,
        String resultStatus,
        String resultDescription) {

    public static final String SUCCESS = "SUCCESS";
    public static final String FAILED = "FAILED";
}
