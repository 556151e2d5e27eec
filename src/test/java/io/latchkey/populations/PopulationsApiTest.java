package io.latchkey.populations;

import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;

import io.latchkey.testkit.Api;
import io.latchkey.testkit.Fixtures;
import io.latchkey.testkit.TestServer;
import io.latchkey.users.UserFixtures;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PopulationsApiTest {
    static final String POPS = "/v1/environments/{env}/populations";

    Api admin() {
        return TestServer.shared().admin();
    }

    int count(Api admin, String env) {
        return admin.get(POPS, env).then().statusCode(200).extract().path("count");
    }

    @Test
    void aNewEnvironmentHasOneDefaultPopulationUnderTheStandardPolicy() {
        Api admin = admin();
        String env = Fixtures.environment(admin);
        String standard = UserFixtures.policy(admin, env, "Standard");
        admin.get(POPS, env)
                .then()
                .statusCode(200)
                .body("count", equalTo(1))
                .body("size", equalTo(1))
                .body("_embedded.populations[0].name", equalTo("Default"))
                .body("_embedded.populations[0].default", equalTo(true))
                .body("_embedded.populations[0].userCount", equalTo(0))
                .body("_embedded.populations[0].passwordPolicy.id", equalTo(standard));
    }

    @Test
    void createdPopulationIsReturnedWithPingOnesFields() {
        Api admin = admin();
        String env = Fixtures.environment(admin);
        String basic = UserFixtures.policy(admin, env, "Basic");
        String id = admin.post(
                        POPS,
                        Map.of("name", "Staff", "description", "Employees", "passwordPolicy", Map.of("id", basic)),
                        env)
                .then()
                .statusCode(201)
                .body("id", notNullValue())
                .body("environment.id", equalTo(env))
                .body("name", equalTo("Staff"))
                .body("description", equalTo("Employees"))
                .body("default", equalTo(false))
                .body("userCount", equalTo(0))
                .body("passwordPolicy.id", equalTo(basic))
                .body("createdAt", notNullValue())
                .body("updatedAt", notNullValue())
                .body("_links.self.href", containsString("/v1/environments/" + env + "/populations/"))
                .body("_links.environment.href", containsString("/v1/environments/" + env))
                .extract()
                .path("id");
        admin.get(POPS + "/{id}", env, id)
                .then()
                .statusCode(200)
                .body("name", equalTo("Staff"))
                .body("passwordPolicy.id", equalTo(basic));
    }

    @Test
    void duplicateNameInAnyCaseIsUniquenessViolationOnName() {
        Api admin = admin();
        String env = Fixtures.environment(admin);
        admin.post(POPS, Map.of("name", "Staff"), env).then().statusCode(201);
        admin.post(POPS, Map.of("name", "STAFF"), env)
                .then()
                .statusCode(400)
                .body("code", equalTo("INVALID_DATA"))
                .body("details[0].code", equalTo("UNIQUENESS_VIOLATION"))
                .body("details[0].target", equalTo("name"));
        org.assertj.core.api.Assertions.assertThat(count(admin, env)).isEqualTo(2);
    }

    @Test
    void missingNameIsRequiredValueAndCreatesNothing() {
        Api admin = admin();
        String env = Fixtures.environment(admin);
        admin.post(POPS, Map.of("description", "no name"), env)
                .then()
                .statusCode(400)
                .body("code", equalTo("INVALID_DATA"))
                .body("details[0].code", equalTo("REQUIRED_VALUE"))
                .body("details[0].target", equalTo("name"));
        org.assertj.core.api.Assertions.assertThat(count(admin, env)).isEqualTo(1);
    }

    @Test
    void unknownPasswordPolicyIsInvalidValueAndCreatesNothing() {
        Api admin = admin();
        String env = Fixtures.environment(admin);
        admin.post(
                        POPS,
                        Map.of("name", "P", "passwordPolicy", Map.of("id", "00000000-0000-4000-8000-000000000000")),
                        env)
                .then()
                .statusCode(400)
                .body("code", equalTo("INVALID_DATA"))
                .body("details[0].code", equalTo("INVALID_VALUE"))
                .body("details[0].target", equalTo("passwordPolicy.id"));
        org.assertj.core.api.Assertions.assertThat(count(admin, env)).isEqualTo(1);
    }

    @Test
    void aPasswordPolicyOfAnotherEnvironmentIsRefused() {
        Api admin = admin();
        String env = Fixtures.environment(admin);
        String other = Fixtures.environment(admin);
        String foreign = UserFixtures.policy(admin, other, "Basic");
        admin.post(POPS, Map.of("name", "P", "passwordPolicy", Map.of("id", foreign)), env)
                .then()
                .statusCode(400)
                .body("details[0].code", equalTo("INVALID_VALUE"))
                .body("details[0].target", equalTo("passwordPolicy.id"));
        org.assertj.core.api.Assertions.assertThat(count(admin, env)).isEqualTo(1);
    }

    @Test
    void makingAPopulationTheDefaultUnsetsThePreviousOne() {
        Api admin = admin();
        String env = Fixtures.environment(admin);
        String old = UserFixtures.defaultPopulation(admin, env);
        String id = admin.post(POPS, Map.of("name", "New default", "default", true), env)
                .then()
                .statusCode(201)
                .body("default", equalTo(true))
                .extract()
                .path("id");
        admin.get(POPS + "/{id}", env, old).then().statusCode(200).body("default", equalTo(false));
        admin.request()
                .queryParam("filter", "id eq \"" + id + "\"")
                .get(POPS, env)
                .then()
                .statusCode(200)
                .body("_embedded.populations[0].default", equalTo(true));
        // and back with PUT
        admin.put(POPS + "/{id}", Map.of("name", "Default", "default", true), env, old)
                .then()
                .statusCode(200)
                .body("default", equalTo(true));
        admin.get(POPS + "/{id}", env, id).then().statusCode(200).body("default", equalTo(false));
        // new users go to the default population
        String user = UserFixtures.user(admin, env, "placed");
        admin.get("/v1/environments/{env}/users/{id}", env, user).then().body("population.id", equalTo(old));
    }

    @Test
    void theDefaultPopulationCannotBeUnDefaulted() {
        Api admin = admin();
        String env = Fixtures.environment(admin);
        String def = UserFixtures.defaultPopulation(admin, env);
        admin.put(POPS + "/{id}", Map.of("name", "Default", "default", false), env, def)
                .then()
                .statusCode(400)
                .body("code", equalTo("INVALID_DATA"))
                .body("details[0].code", equalTo("INVALID_VALUE"))
                .body("details[0].target", equalTo("default"));
        admin.get(POPS + "/{id}", env, def).then().statusCode(200).body("default", equalTo(true));
    }

    @Test
    void putWithoutDefaultKeepsItAndClearsOmittedAttributes() {
        Api admin = admin();
        String env = Fixtures.environment(admin);
        String def = UserFixtures.defaultPopulation(admin, env);
        admin.put(POPS + "/{id}", Map.of("name", "Everyone"), env, def)
                .then()
                .statusCode(200)
                .body("name", equalTo("Everyone"))
                .body("default", equalTo(true))
                .body("description", nullValue())
                .body("passwordPolicy", nullValue());
    }

    @Test
    void renamingToATakenNameIsUniquenessViolationAndChangesNothing() {
        Api admin = admin();
        String env = Fixtures.environment(admin);
        String staff = UserFixtures.population(admin, env, "Staff");
        admin.put(POPS + "/{id}", Map.of("name", "default"), env, staff)
                .then()
                .statusCode(400)
                .body("details[0].code", equalTo("UNIQUENESS_VIOLATION"))
                .body("details[0].target", equalTo("name"));
        admin.get(POPS + "/{id}", env, staff).then().body("name", equalTo("Staff"));
    }

    @Test
    void theDefaultPopulationCannotBeDeleted() {
        Api admin = admin();
        String env = Fixtures.environment(admin);
        String def = UserFixtures.defaultPopulation(admin, env);
        admin.delete(POPS + "/{id}", env, def)
                .then()
                .statusCode(400)
                .body("code", equalTo("INVALID_DATA"))
                .body("details[0].code", equalTo("CONSTRAINT_VIOLATION"));
        admin.get(POPS + "/{id}", env, def).then().statusCode(200);
    }

    @Test
    void deletingAPopulationThatStillHasUsersIsConstraintViolation() {
        Api admin = admin();
        String env = Fixtures.environment(admin);
        String staff = UserFixtures.population(admin, env, "Staff");
        String user = admin.post(
                        "/v1/environments/{env}/users",
                        Map.of("username", "u1", "population", Map.of("id", staff)),
                        env)
                .then()
                .statusCode(201)
                .extract()
                .path("id");
        admin.get(POPS + "/{id}", env, staff).then().body("userCount", equalTo(1));
        admin.delete(POPS + "/{id}", env, staff)
                .then()
                .statusCode(400)
                .body("code", equalTo("INVALID_DATA"))
                .body("details[0].code", equalTo("CONSTRAINT_VIOLATION"));
        admin.get(POPS + "/{id}", env, staff).then().statusCode(200).body("userCount", equalTo(1));
        admin.get("/v1/environments/{env}/users/{id}", env, user)
                .then()
                .statusCode(200)
                .body("population.id", equalTo(staff));
        // once empty it goes
        admin.put(
                        "/v1/environments/{env}/users/{id}/population",
                        Map.of("id", UserFixtures.defaultPopulation(admin, env)),
                        env,
                        user)
                .then()
                .statusCode(200);
        admin.delete(POPS + "/{id}", env, staff).then().statusCode(204);
        admin.get(POPS + "/{id}", env, staff).then().statusCode(404).body("code", equalTo("NOT_FOUND"));
    }

    @Test
    void listFiltersByNamePrefixAndIdAndPages() {
        Api admin = admin();
        String env = Fixtures.environment(admin);
        String a = UserFixtures.population(admin, env, "Team A");
        UserFixtures.population(admin, env, "Team B");
        UserFixtures.population(admin, env, "Other");
        admin.request()
                .queryParam("filter", "name sw \"team\"")
                .get(POPS, env)
                .then()
                .statusCode(200)
                .body("count", equalTo(2))
                .body("_embedded.populations.name", containsInAnyOrder("Team A", "Team B"));
        admin.request()
                .queryParam("filter", "id eq \"" + a + "\"")
                .get(POPS, env)
                .then()
                .statusCode(200)
                .body("count", equalTo(1))
                .body("_embedded.populations.name", contains("Team A"));
        String next = admin.request()
                .queryParam("limit", 2)
                .get(POPS, env)
                .then()
                .statusCode(200)
                .body("count", equalTo(4))
                .body("size", equalTo(2))
                .body("_embedded.populations", hasSize(2))
                .extract()
                .path("_links.next.href");
        admin.request()
                .get(next.substring(next.indexOf("/v1/")))
                .then()
                .statusCode(200)
                .body("size", equalTo(2))
                .body("_links.next", nullValue());
    }

    @Test
    void aBadFilterIsInvalidFilterNamingWhatIsSupported() {
        Api admin = admin();
        String env = Fixtures.environment(admin);
        admin.request()
                .queryParam("filter", "description eq \"x\"")
                .get(POPS, env)
                .then()
                .statusCode(400)
                .body("code", equalTo("INVALID_DATA"))
                .body("details[0].code", equalTo("INVALID_FILTER"))
                .body("details[0].target", equalTo("filter"))
                .body("details[0].innerError.supportedAttributes", hasItem("name"));
    }

    @Test
    void unknownPopulationIsNotFound() {
        Api admin = admin();
        String env = Fixtures.environment(admin);
        String missing = "00000000-0000-4000-8000-000000000000";
        admin.get(POPS + "/{id}", env, missing).then().statusCode(404).body("code", equalTo("NOT_FOUND"));
        admin.put(POPS + "/{id}", Map.of("name", "x"), env, missing).then().statusCode(404);
        admin.delete(POPS + "/{id}", env, missing).then().statusCode(404);
    }
}
