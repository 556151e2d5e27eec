package io.latchkey.users;

import static org.hamcrest.Matchers.equalTo;

import io.latchkey.testkit.Api;
import io.latchkey.testkit.Db;
import io.latchkey.testkit.Fixtures;
import io.latchkey.testkit.TestServer;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/** An id of another environment is 404 on every identity endpoint, and nothing of it changes. */
@ParameterizedClass
@EnumSource(Db.class) // both databases: environment isolation is in every query's WHERE clause
class IdentityIsolationTest {
    @Parameter
    Db db;

    @Test
    void idsOfAnotherEnvironmentAreNotFoundAndStayUnchanged() {
        Api admin = TestServer.shared(db).admin();
        String mine = Fixtures.environment(admin);
        String theirs = Fixtures.environment(admin);
        String user = UserFixtures.userWithPassword(admin, theirs, "victim", UserFixtures.STRONG);
        String pop = UserFixtures.population(admin, theirs, "Theirs");
        String policy = UserFixtures.policy(admin, theirs, "Basic");
        String u = "/v1/environments/{env}/users/{id}";
        String p = "/v1/environments/{env}/populations/{id}";
        String pp = "/v1/environments/{env}/passwordPolicies/{id}";

        admin.get(u, mine, user).then().statusCode(404).body("code", equalTo("NOT_FOUND"));
        admin.put(u, Map.of("username", "hijacked"), mine, user).then().statusCode(404);
        admin.patch(u, Map.of("username", "hijacked"), mine, user).then().statusCode(404);
        admin.request().contentType(UsersApi.LOCK).post(u, mine, user).then().statusCode(404);
        admin.request().contentType(UsersApi.UNLOCK).post(u, mine, user).then().statusCode(404);
        admin.get(u + "/enabled", mine, user).then().statusCode(404);
        admin.put(u + "/enabled", Map.of("enabled", false), mine, user).then().statusCode(404);
        admin.get(u + "/population", mine, user).then().statusCode(404);
        admin.put(u + "/population", Map.of("id", pop), mine, user).then().statusCode(404);
        admin.get(u + "/password", mine, user).then().statusCode(404);
        UserFixtures.setPassword(admin, mine, user, Map.of("value", UserFixtures.STRONG2))
                .then()
                .statusCode(404);
        admin.request()
                .contentType("application/vnd.pingidentity.password.reset+json")
                .body(Map.of("currentPassword", UserFixtures.STRONG, "newPassword", UserFixtures.STRONG2))
                .put(u + "/password", mine, user)
                .then()
                .statusCode(404);
        admin.request()
                .contentType("application/vnd.pingidentity.password.recover+json")
                .body(Map.of("recoveryCode", "12345678", "newPassword", UserFixtures.STRONG2))
                .post(u + "/password", mine, user)
                .then()
                .statusCode(404);
        admin.delete(u, mine, user).then().statusCode(404);

        admin.get(p, mine, pop).then().statusCode(404);
        admin.put(p, Map.of("name", "hijacked"), mine, pop).then().statusCode(404);
        admin.delete(p, mine, pop).then().statusCode(404);
        admin.get(pp, mine, policy).then().statusCode(404);
        admin.put(
                        pp,
                        Map.of(
                                "name",
                                "hijacked",
                                "excludesCommonlyUsed",
                                false,
                                "excludesProfileData",
                                false,
                                "notSimilarToCurrent",
                                false),
                        mine,
                        policy)
                .then()
                .statusCode(404);
        admin.delete(pp, mine, policy).then().statusCode(404);

        // references into another environment are refused
        admin.post("/v1/environments/{env}/users", Map.of("username", "x", "population", Map.of("id", pop)), mine)
                .then()
                .statusCode(400)
                .body("details[0].target", equalTo("population.id"));
        String own = UserFixtures.user(admin, mine, "own");
        admin.put(u + "/population", Map.of("id", pop), mine, own).then().statusCode(400);

        // the other environment's objects are untouched
        admin.get(u, theirs, user)
                .then()
                .statusCode(200)
                .body("username", equalTo("victim"))
                .body("enabled", equalTo(true))
                .body("account.status", equalTo("OK"));
        admin.get(u + "/password", theirs, user).then().statusCode(200).body("status", equalTo("OK"));
        admin.get(p, theirs, pop).then().statusCode(200).body("name", equalTo("Theirs"));
        admin.get(pp, theirs, policy).then().statusCode(200).body("name", equalTo("Basic"));
    }
}
