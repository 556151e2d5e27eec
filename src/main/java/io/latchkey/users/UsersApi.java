package io.latchkey.users;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.latchkey.http.CollectionBodies;
import io.latchkey.http.Exchange;
import io.latchkey.http.Json;
import io.latchkey.http.Links;
import io.latchkey.http.PageRequest;

/** HTTP adapter of {@code /v1/environments/{envId}/users}. */
public final class UsersApi {
    public static final String IMPORT = "application/vnd.pingidentity.user.import+json";
    public static final String LOCK = "application/vnd.pingidentity.account.lock+json";
    public static final String UNLOCK = "application/vnd.pingidentity.account.unlock+json";

    private final UserService service;

    public UsersApi(UserService service) {
        this.service = service;
    }

    public void create(Exchange x) {
        String type = x.requireContentType("application/json", IMPORT);
        x.created(render(x.links(), service.create(x.pathParam("envId"), x.json(), type.equals(IMPORT))));
    }

    public void list(Exchange x) {
        String env = x.pathParam("envId");
        PageRequest page = PageRequest.of(x.query("limit"), x.query("cursor"), 1000);
        String filter = x.query("filter");
        x.ok(CollectionBodies.page(
                x.links().environment(env) + "/users",
                "users",
                service.list(env, filter, page),
                User::id,
                u -> render(x.links(), u),
                page,
                filter));
    }

    public void get(Exchange x) {
        java.util.Set<String> include = io.latchkey.groups.Includes.parse(
                "include", x.queryParams().get("include"), java.util.Set.of("memberOfGroupIDs", "memberOfGroupNames"));
        ObjectNode n = render(x.links(), service.get(x.pathParam("envId"), x.pathParam("userId")));
        if (!include.isEmpty())
            UserGroupIncludes.add(
                    n,
                    include,
                    service.groupsOf(x.pathParam("envId"), n.get("id").asText()));
        x.ok(n);
    }

    public void replace(Exchange x) {
        x.requireContentType("application/json");
        x.ok(render(x.links(), service.replace(x.pathParam("envId"), x.pathParam("userId"), x.json())));
    }

    public void patch(Exchange x) {
        x.requireContentType("application/json", "application/merge-patch+json");
        x.ok(render(x.links(), service.patch(x.pathParam("envId"), x.pathParam("userId"), x.json())));
    }

    public void delete(Exchange x) {
        service.delete(x.pathParam("envId"), x.pathParam("userId"));
        x.noContent();
    }

    /** {@code POST /users/{id}} with the account.lock or account.unlock content type (the body is ignored). */
    public void account(Exchange x) {
        String type = x.requireContentType(LOCK, UNLOCK);
        String env = x.pathParam("envId");
        String id = x.pathParam("userId");
        x.ok(render(x.links(), type.equals(LOCK) ? service.lock(env, id) : service.unlock(env, id)));
    }

    public void getEnabled(Exchange x) {
        x.ok(renderEnabled(x.links(), service.get(x.pathParam("envId"), x.pathParam("userId"))));
    }

    public void putEnabled(Exchange x) {
        x.requireContentType("application/json");
        x.ok(renderEnabled(x.links(), service.setEnabled(x.pathParam("envId"), x.pathParam("userId"), x.json())));
    }

    public void getMfaEnabled(Exchange x) {
        x.ok(renderMfaEnabled(x.links(), service.get(x.pathParam("envId"), x.pathParam("userId"))));
    }

    public void putMfaEnabled(Exchange x) {
        x.requireContentType("application/json");
        x.ok(renderMfaEnabled(x.links(), service.setMfaEnabled(x.pathParam("envId"), x.pathParam("userId"), x.json())));
    }

    public void getPopulation(Exchange x) {
        x.ok(renderPopulation(x.links(), service.get(x.pathParam("envId"), x.pathParam("userId"))));
    }

    public void putPopulation(Exchange x) {
        x.requireContentType("application/json");
        x.ok(renderPopulation(x.links(), service.setPopulation(x.pathParam("envId"), x.pathParam("userId"), x.json())));
    }

    private static String self(Links links, User u) {
        return links.environment(u.environmentId()) + "/users/" + u.id();
    }

    static ObjectNode renderEnabled(Links links, User u) {
        ObjectNode n = Json.object();
        n.set(
                "_links",
                links.hal()
                        .rel("self", self(links, u) + "/enabled")
                        .rel("user", self(links, u))
                        .node());
        n.put("enabled", u.enabled());
        return n;
    }

    static ObjectNode renderMfaEnabled(Links links, User u) {
        ObjectNode n = Json.object();
        n.set(
                "_links",
                links.hal()
                        .rel("self", self(links, u) + "/mfaEnabled")
                        .rel("user", self(links, u))
                        .node());
        n.put("mfaEnabled", u.mfaEnabled());
        return n;
    }

    static ObjectNode renderPopulation(Links links, User u) {
        ObjectNode n = Json.object();
        n.set(
                "_links",
                links.hal()
                        .rel("self", self(links, u) + "/population")
                        .rel("user", self(links, u))
                        .rel("population", links.environment(u.environmentId()) + "/populations/" + u.populationId())
                        .node());
        n.put("id", u.populationId());
        return n;
    }

    public static ObjectNode render(Links links, User u) {
        long now = System.currentTimeMillis();
        String self = self(links, u);
        String env = links.environment(u.environmentId());
        ObjectNode n = Json.object();
        n.set(
                "_links",
                links.hal()
                        .rel("self", self)
                        .rel("environment", env)
                        .rel("population", env + "/populations/" + u.populationId())
                        .rel("password", self + "/password")
                        .rel("password.set", self + "/password")
                        .rel("password.reset", self + "/password")
                        .rel("password.recover", self + "/password")
                        .rel("account.lock", self)
                        .rel("account.unlock", self)
                        .node());
        n.put("id", u.id());
        n.set("environment", Json.idRef(u.environmentId()));
        ObjectNode account = n.putObject("account");
        account.put("canAuthenticate", u.canAuthenticate(now));
        account.put("status", u.account().locked(now) ? "LOCKED" : "OK");
        if (u.account().adminLockedAt() != null)
            account.put("lockedAt", Json.time(u.account().adminLockedAt()));
        Long seconds = u.account().secondsUntilUnlock(now);
        if (seconds != null) {
            account.put("unlockAt", Json.time(u.account().passwordLockedUntil()));
            account.put("secondsUntilUnlock", seconds);
        }
        n.put("createdAt", Json.time(u.createdAt()));
        n.put("enabled", u.enabled());
        ObjectNode idp = n.putObject("identityProvider");
        // An external identity provider's type is not known here; without one the user is PingOne's own.
        if (u.doc().path("identityProvider").hasNonNull("id"))
            idp.put("id", u.doc().path("identityProvider").path("id").asText());
        else idp.put("type", "PING_ONE");
        if (u.lastSignOnAt() != null) {
            ObjectNode last = n.putObject("lastSignOn").put("at", Json.time(u.lastSignOnAt()));
            if (u.lastSignOnIp() != null) last.put("remoteIp", u.lastSignOnIp());
        }
        n.putObject("lifecycle").put("status", u.lifecycleStatus());
        n.put("mfaEnabled", u.mfaEnabled());
        n.put("emailVerified", u.emailVerified());
        n.set("population", Json.idRef(u.populationId()));
        n.put("updatedAt", Json.time(u.updatedAt()));
        n.put("verifyStatus", "NOT_INITIATED");
        ObjectNode profile = u.doc().deepCopy();
        profile.remove("identityProvider");
        n.setAll(profile);
        return n;
    }
}
