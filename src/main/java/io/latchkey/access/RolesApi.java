package io.latchkey.access;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.latchkey.http.CollectionBodies;
import io.latchkey.http.Exchange;
import io.latchkey.http.Json;
import io.latchkey.http.Links;
import java.util.Locale;

/** HTTP adapter of {@code /v1/roles}: PingOne's built-in administrator roles (read only). */
public final class RolesApi {
    private final RoleAssignmentService service;

    public RolesApi(RoleAssignmentService service) {
        this.service = service;
    }

    public void list(Exchange x) {
        x.ok(CollectionBodies.of(
                x.links().management("/roles"),
                "roles",
                service.roles().stream().map(r -> render(x.links(), r)).toList()));
    }

    public void get(Exchange x) {
        x.ok(render(x.links(), service.role(x.pathParam("roleId"))));
    }

    static ObjectNode render(Links links, RoleStore.Role r) {
        ObjectNode n = Json.object();
        n.set(
                "_links",
                links.hal().rel("self", links.management("/roles/" + r.id())).node());
        n.put("id", r.id());
        n.put("name", r.name());
        n.put("description", r.description());
        ArrayNode applicable = n.putArray("applicableTo");
        r.applicableTo().forEach(applicable::add);
        ArrayNode permissions = n.putArray("permissions");
        r.builtIn()
                .ifPresent(role -> role.permissions().stream().sorted().forEach(p -> {
                    String[] parts = p.name().toLowerCase(Locale.ROOT).split("_", 2);
                    permissions
                            .addObject()
                            .put("id", "latchkey:" + parts[1] + ":" + parts[0])
                            .put("classifier", parts[0])
                            .put("description", describe(p));
                }));
        return n;
    }

    private static String describe(Permission p) {
        return switch (p) {
            case ENVIRONMENTS_CREATE -> "Create environments";
            case ENVIRONMENT_READ -> "Read environments";
            case ENVIRONMENT_WRITE -> "Update and delete environments";
            case APPLICATIONS_READ -> "Read applications, resources, scopes and grants";
            case APPLICATIONS_WRITE -> "Create, update and delete applications, resources, scopes and grants";
            case CONFIGURATION_READ -> "Read sign-on policies, password policies and keys";
            case CONFIGURATION_WRITE -> "Create, update and delete sign-on policies, password policies and keys";
            case IDENTITIES_READ -> "Read populations and users";
            case IDENTITIES_WRITE -> "Create, update and delete populations and users";
        };
    }
}
