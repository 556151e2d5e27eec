package io.latchkey.activities;

import com.fasterxml.jackson.databind.JsonNode;
import io.latchkey.access.Caller;
import io.latchkey.http.ApiException;
import io.latchkey.http.Exchange;
import io.latchkey.http.Handler;
import io.latchkey.http.Json;
import io.latchkey.storage.Ids;

/**
 * Audits every management write route ({@code POST}, {@code PUT}, {@code PATCH}, {@code DELETE} under {@code /v1}),
 * wrapped around its handler by the route table: the request's activity (who: the caller's client and user; what:
 * {@link ManagementChange}) is written into the first transaction of the request that writes, whatever service runs
 * it, and so commits or rolls back with the change. A write refused with a 4xx changed nothing; it is recorded FAILED
 * in a transaction of its own (a refusal is worth auditing, and there is no change for it to roll back with). A
 * refusal after a write that commits anyway (a counted failure) marks that write's activity FAILED.
 */
public final class ManagementActivities {
    private static final String CORRELATION_HEADER = "X-Ping-External-Transaction-ID";

    private final ActivityLog log;

    public ManagementActivities(ActivityLog log) {
        this.log = log;
    }

    /**
     * Whether the route with {@code method} and {@code path} is a management write (and so audited); a search of the
     * activities themselves (POST) reads.
     */
    public static boolean audits(String method, String path) {
        return path.startsWith("/v1/")
                && !method.equals("GET")
                && !method.equals("HEAD")
                && !path.endsWith("/activities");
    }

    /** {@code handler} of the management write route {@code method path}, audited. */
    public Handler around(String method, String path, Handler handler) {
        return x -> {
            Caller caller = x.attribute(Caller.class);
            if (caller == null) {
                handler.handle(x);
                return;
            }
            ManagementChange change = ManagementChange.of(method, path, x.contentType());
            String env = change.environmentLevel() ? caller.environmentId() : x.pathParamOrNull("envId");
            if (!Ids.isUuid(env)) {
                handler.handle(x);
                return;
            }
            String resourceId = change.idParam() == null ? null : x.pathParamOrNull(change.idParam());
            ActivityDraft draft = ActivityDraft.of(env, change.actionType())
                    .byClient(caller.clientId())
                    .byUser(caller.userId(), null)
                    .on(change.resourceType(), usable(resourceId), null)
                    .correlatedBy(x.responseHeader(CORRELATION_HEADER));
            PendingActivity pending = new PendingActivity(draft);
            try {
                log.during(pending, () -> handler.handle(x));
            } catch (ApiException e) {
                if (e.status() >= 400 && e.status() < 500) {
                    // A refusal can follow a write that commits anyway (a wrong current password counts a failure):
                    // its activity then says FAILED as well.
                    if (pending.recordedId() == null) log.recordAlone(draft.failed(e.code()));
                    else log.markFailed(env, pending.recordedId(), e.code());
                }
                throw e;
            }
            if (pending.recordedId() != null && resourceId == null) nameCreated(env, pending.recordedId(), x);
        };
    }

    /** A creation's id (and name, if it has one) is in its answer: written beside its activity before the answer goes. */
    private void nameCreated(String env, String activityId, Exchange x) {
        if (x.answeredStatus() != 201 || x.answeredBody() == null) return;
        JsonNode body = Json.MAPPER.valueToTree(x.answeredBody());
        String id = usable(body.path("id").asText(null));
        if (id == null) return;
        String name = body.path("name").isTextual()
                ? body.path("name").asText()
                : body.path("username").isTextual() ? body.path("username").asText() : null;
        log.nameResource(env, activityId, id, name != null && name.length() <= 1024 ? name : null);
    }

    private static final java.util.regex.Pattern ID = java.util.regex.Pattern.compile("[A-Za-z0-9._:-]{1,256}");

    /** A path or body id as it may be stored (ids are UUIDs or short names; anything else, hostile, is left out). */
    private static String usable(String id) {
        return id != null && ID.matcher(id).matches() ? id : null;
    }
}
