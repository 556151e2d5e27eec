package io.latchkey.activities;

/**
 * An activity before it is written: everything but its id and time. Services build one with {@link #of} and the
 * {@code with*} steps; nothing in it may be a secret (names and ids only).
 */
public record ActivityDraft(
        String environmentId,
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

    /** A successful {@code actionType} in {@code env}, by nobody yet, on nothing yet. */
    public static ActivityDraft of(String env, String actionType) {
        return new ActivityDraft(env, null, actionType, null, null, null, null, null, null, Activity.SUCCESS, null);
    }

    /** The same activity with another action type. */
    public ActivityDraft as(String type) {
        return new ActivityDraft(
                environmentId,
                correlationId,
                type,
                actorUserId,
                actorUserName,
                actorClientId,
                resourceType,
                resourceId,
                resourceName,
                resultStatus,
                resultDescription);
    }

    public ActivityDraft byUser(String userId, String userName) {
        return new ActivityDraft(
                environmentId,
                correlationId,
                actionType,
                userId,
                userName,
                actorClientId,
                resourceType,
                resourceId,
                resourceName,
                resultStatus,
                resultDescription);
    }

    public ActivityDraft byClient(String clientId) {
        return new ActivityDraft(
                environmentId,
                correlationId,
                actionType,
                actorUserId,
                actorUserName,
                clientId,
                resourceType,
                resourceId,
                resourceName,
                resultStatus,
                resultDescription);
    }

    public ActivityDraft on(String type, String id, String name) {
        return new ActivityDraft(
                environmentId,
                correlationId,
                actionType,
                actorUserId,
                actorUserName,
                actorClientId,
                type,
                id,
                name,
                resultStatus,
                resultDescription);
    }

    public ActivityDraft failed(String description) {
        return new ActivityDraft(
                environmentId,
                correlationId,
                actionType,
                actorUserId,
                actorUserName,
                actorClientId,
                resourceType,
                resourceId,
                resourceName,
                Activity.FAILED,
                description);
    }

    /** A successful activity's description (a failure's is given by {@link #failed}). */
    public ActivityDraft withDescription(String description) {
        return new ActivityDraft(
                environmentId,
                correlationId,
                actionType,
                actorUserId,
                actorUserName,
                actorClientId,
                resourceType,
                resourceId,
                resourceName,
                resultStatus,
                description);
    }

    public ActivityDraft correlatedBy(String id) {
        return new ActivityDraft(
                environmentId,
                id,
                actionType,
                actorUserId,
                actorUserName,
                actorClientId,
                resourceType,
                resourceId,
                resourceName,
                resultStatus,
                resultDescription);
    }

    Activity toActivity(String id, String recordedAt) {
        return new Activity(
                id,
                environmentId,
                recordedAt,
                correlationId,
                actionType,
                actorUserId,
                actorUserName,
                actorClientId,
                resourceType,
                resourceId,
                resourceName,
                resultStatus,
                resultDescription);
    }
}
