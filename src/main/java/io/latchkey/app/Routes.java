package io.latchkey.app;

import static io.latchkey.access.Permission.*;

import io.latchkey.access.ManagementAccess;
import io.latchkey.http.RouteTable;

/** THE route table: the whole PingOne surface Latchkey serves, in one place. */
final class Routes {
    private Routes() {}

    static RouteTable build(Apis a, ManagementAccess access) {
        RouteTable t = new RouteTable();

        // ---- Auth API: /{envId}/as/...
        t.get("/{envId}/as/.well-known/openid-configuration", a.discovery()::configuration);
        t.get("/{envId}/as/jwks", a.discovery()::jwks);
        t.post("/{envId}/as/token", a.token()::token);

        // ---- Management API: /v1/...
        t.post("/v1/environments", access.require(ENVIRONMENTS_CREATE), a.environments()::create);
        t.get("/v1/environments", access.requireSomewhere(ENVIRONMENT_READ), a.environments()::list);
        t.get("/v1/environments/{envId}", access.require(ENVIRONMENT_READ), a.environments()::get);
        t.put("/v1/environments/{envId}", access.require(ENVIRONMENT_WRITE), a.environments()::replace);
        t.delete("/v1/environments/{envId}", access.require(ENVIRONMENT_WRITE), a.environments()::delete);

        String apps = "/v1/environments/{envId}/applications";
        t.post(apps, access.require(APPLICATIONS_WRITE), a.applications()::create);
        t.get(apps, access.require(APPLICATIONS_READ), a.applications()::list);
        t.get(apps + "/{appId}", access.require(APPLICATIONS_READ), a.applications()::get);
        t.put(apps + "/{appId}", access.require(APPLICATIONS_WRITE), a.applications()::replace);
        t.delete(apps + "/{appId}", access.require(APPLICATIONS_WRITE), a.applications()::delete);
        t.get(apps + "/{appId}/secret", access.require(APPLICATIONS_WRITE), a.applications()::getSecret);
        t.post(apps + "/{appId}/secret", access.require(APPLICATIONS_WRITE), a.applications()::rotateSecret);
        t.delete(apps + "/{appId}/secret", access.require(APPLICATIONS_WRITE), a.applications()::deletePreviousSecret);
        return t;
    }
}
