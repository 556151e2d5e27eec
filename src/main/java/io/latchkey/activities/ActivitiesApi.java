package io.latchkey.activities;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.latchkey.http.ApiException;
import io.latchkey.http.CollectionBodies;
import io.latchkey.http.ErrorDetail;
import io.latchkey.http.Exchange;
import io.latchkey.http.Json;
import io.latchkey.http.Links;
import io.latchkey.http.PageRequest;
import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * {@code /v1/environments/{envId}/activities}: {@code GET} with {@code ?filter=}, {@code POST} with
 * {@code {"filter": "..."}} (keeps filter values out of URLs and logs), and {@code GET .../{activityId}}.
 */
public final class ActivitiesApi {
    private static final int MAX_LIMIT = 1000;

    private final ActivityService service;

    public ActivitiesApi(ActivityService service) {
        this.service = service;
    }

    public void list(Exchange x) {
        answerList(x, x.query("filter"));
    }

    public void search(Exchange x) {
        x.requireContentType("application/json");
        JsonNode body = x.json();
        JsonNode filter = body.path("filter");
        if (!body.isObject() || !filter.isTextual())
            throw ApiException.invalidData(ErrorDetail.invalid("filter", "'filter' must be a string."));
        answerList(x, filter.asText());
    }

    private void answerList(Exchange x, String filter) {
        String env = x.pathParam("envId");
        PageRequest page = PageRequest.of(x.query("limit"), x.query("cursor"), MAX_LIMIT);
        x.ok(CollectionBodies.page(
                x.links().environment(env) + "/activities",
                "activities",
                service.list(env, filter, page),
                Activity::id,
                a -> render(x.links(), a),
                page,
                filter));
    }

    public void get(Exchange x) {
        x.ok(render(x.links(), service.get(x.pathParam("envId"), x.pathParam("activityId"))));
    }

    static ObjectNode render(Links links, Activity a) {
        ObjectNode n = Json.object();
        n.set(
                "_links",
                links.hal()
                        .rel("self", links.environment(a.environmentId()) + "/activities/" + a.id())
                        .node());
        n.put("id", a.id());
        n.put("recordedAt", a.recordedAt());
        n.put("createdAt", a.recordedAt());
        if (a.correlationId() != null) n.put("correlationId", a.correlationId());
        ObjectNode action = n.putObject("action");
        action.put("type", a.actionType());
        action.put("description", describe(a.actionType()));
        ObjectNode actors = n.putObject("actors");
        if (a.actorClientId() != null) {
            ObjectNode client = actors.putObject("client");
            client.put("id", a.actorClientId());
            client.put("type", "CLIENT");
        }
        if (a.actorUserId() != null) {
            ObjectNode user = actors.putObject("user");
            user.put("id", a.actorUserId());
            if (a.actorUserName() != null) user.put("name", a.actorUserName());
            user.put("type", "USER");
        }
        ObjectNode resource = n.putArray("resources").addObject();
        resource.put("type", a.resourceType());
        if (a.resourceId() != null) resource.put("id", a.resourceId());
        if (a.resourceName() != null) resource.put("name", a.resourceName());
        resource.set("environment", Json.idRef(a.environmentId()));
        ObjectNode result = n.putObject("result");
        result.put("status", a.resultStatus());
        if (a.resultDescription() != null) result.put("description", a.resultDescription());
        n.set("environment", Json.idRef(a.environmentId()));
        return n;
    }

    /** {@code USER.PASSWORD_SET} reads "User Password Set". */
    static String describe(String type) {
        return Arrays.stream(type.split("[._]"))
                .filter(w -> !w.isEmpty())
                .map(w -> w.charAt(0) + w.substring(1).toLowerCase(Locale.ROOT))
                .collect(Collectors.joining(" "));
    }
}
