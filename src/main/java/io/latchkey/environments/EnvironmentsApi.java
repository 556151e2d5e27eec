package io.latchkey.environments;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.latchkey.access.Caller;
import io.latchkey.http.ApiException;
import io.latchkey.http.CollectionBodies;
import io.latchkey.http.ErrorDetail;
import io.latchkey.http.Exchange;
import io.latchkey.http.Json;
import io.latchkey.http.Links;
import io.latchkey.http.PageRequest;
import java.util.List;

/** HTTP adapter of {@code /v1/environments}. */
public final class EnvironmentsApi {
    private final EnvironmentService service;
    private final Organization organization;

    public EnvironmentsApi(EnvironmentService service, Organization organization) {
        this.service = service;
        this.organization = organization;
    }

    public void create(Exchange x) {
        x.requireContentType("application/json");
        x.created(render(x.links(), service.create(x.json())));
    }

    public void list(Exchange x) {
        PageRequest page = PageRequest.of(x.query("limit"), x.query("cursor"), 5000);
        String filter = x.query("filter");
        x.ok(CollectionBodies.page(
                x.links().management("/environments"),
                "environments",
                service.list(x.attribute(Caller.class), filter, page),
                Environment::id,
                e -> render(x.links(), e),
                page,
                filter));
    }

    public void get(Exchange x) {
        x.ok(render(x.links(), service.get(x.pathParam("envId"))));
    }

    public void replace(Exchange x) {
        x.requireContentType("application/json");
        x.ok(render(x.links(), service.replace(x.pathParam("envId"), x.json())));
    }

    public void delete(Exchange x) {
        String env = x.pathParam("envId");
        // As in PingOne, whoever deletes an environment must live in another one: an application deleting its own
        // environment would delete its own credentials, and with the administrators environment everyone's.
        if (env.equalsIgnoreCase(x.attribute(Caller.class).environmentId())) {
            throw new ApiException(
                    400,
                    "REQUEST_FAILED",
                    "The environment of the caller's own application cannot be deleted.",
                    List.of(new ErrorDetail(
                            "CONSTRAINT_VIOLATION",
                            null,
                            "Delete this environment with the credentials of an application in another environment.")));
        }
        service.delete(env);
        x.noContent();
    }

    ObjectNode render(Links links, Environment e) {
        String self = links.environment(e.id());
        ObjectNode n = Json.object();
        String organizationId = organization.id();
        n.set(
                "_links",
                links.hal()
                        .rel("self", self)
                        .rel("organization", links.management("/organizations/" + organizationId))
                        .rel(
                                "license",
                                links.management("/organizations/" + organizationId + "/licenses/"
                                        + e.doc().path("license").path("id").asText()))
                        .rel("populations", self + "/populations")
                        .rel("users", self + "/users")
                        .rel("applications", self + "/applications")
                        .rel("resources", self + "/resources")
                        .rel("signOnPolicies", self + "/signOnPolicies")
                        .rel("passwordPolicies", self + "/passwordPolicies")
                        .rel("billOfMaterials", self + "/billOfMaterials")
                        .node());
        n.put("id", e.id());
        n.set("organization", Json.idRef(organizationId));
        n.put("name", e.name());
        n.put("region", e.region());
        n.put("type", e.type());
        n.put("status", "ACTIVE");
        n.put("createdAt", Json.time(e.createdAt()));
        n.put("updatedAt", Json.time(e.updatedAt()));
        n.setAll(e.doc().deepCopy());
        return n;
    }
}
