package io.latchkey.applications;

import static io.latchkey.applications.AppFixtures.create;
import static io.latchkey.applications.AppFixtures.signOnPolicy;
import static io.latchkey.applications.AppFixtures.singleFactor;
import static io.latchkey.applications.Rejections.invalid;
import static io.latchkey.applications.Rejections.notFound;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;

import io.latchkey.testkit.Api;
import io.latchkey.testkit.Fixtures;
import io.latchkey.testkit.TestServer;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class SignOnPolicyAssignmentsApiTest {
    private static final String ASSIGNMENTS = "/v1/environments/{env}/applications/{app}/signOnPolicyAssignments";
    private static final String ASSIGNMENT = ASSIGNMENTS + "/{id}";

    TestServer server;
    Api admin;
    String env;
    String app;
    String single;
    String other;

    @BeforeEach
    void setUp() {
        server = TestServer.shared();
        admin = server.admin();
        env = Fixtures.environment(admin);
        app = create(admin, env, "WEB_APP");
        single = singleFactor(server, env);
        other = signOnPolicy(server, env, "Other_Policy");
    }

    private static Map<String, Object> assignment(String policy, Object priority) {
        return Map.of("signOnPolicy", Map.of("id", policy), "priority", priority);
    }

    private String list() {
        return admin.get(ASSIGNMENTS, env, app).then().statusCode(200).extract().asString();
    }

    private void rejectsCreate(Object body, String detailCode, String target) {
        String before = list();
        invalid(admin.post(ASSIGNMENTS, body, env, app), detailCode, target);
        assertThat(list()).isEqualTo(before);
    }

    @Test
    void assignmentsAreCreatedListedInPriorityOrderReplacedAndDeleted() {
        String second = admin.post(ASSIGNMENTS, assignment(other, 2), env, app)
                .then()
                .statusCode(201)
                .body("id", notNullValue())
                .body("environment.id", equalTo(env))
                .body("application.id", equalTo(app))
                .body("signOnPolicy.id", equalTo(other))
                .body("priority", equalTo(2))
                .body("_links.self.href", containsString("/applications/" + app + "/signOnPolicyAssignments/"))
                .extract()
                .path("id");
        String first = admin.post(ASSIGNMENTS, assignment(single, 1), env, app)
                .then()
                .statusCode(201)
                .extract()
                .path("id");
        admin.get(ASSIGNMENTS, env, app)
                .then()
                .statusCode(200)
                .body("count", equalTo(2))
                .body("_embedded.signOnPolicyAssignments.id", equalTo(List.of(first, second)));
        admin.get(ASSIGNMENT, env, app, first).then().statusCode(200).body("signOnPolicy.id", equalTo(single));

        admin.put(ASSIGNMENT, assignment(single, 3), env, app, first)
                .then()
                .statusCode(200)
                .body("priority", equalTo(3));
        admin.get(ASSIGNMENTS, env, app)
                .then()
                .statusCode(200)
                .body("_embedded.signOnPolicyAssignments.id", equalTo(List.of(second, first)));

        admin.delete(ASSIGNMENT, env, app, first).then().statusCode(204);
        notFound(admin.get(ASSIGNMENT, env, app, first));
        notFound(admin.delete(ASSIGNMENT, env, app, first));
        admin.get(ASSIGNMENTS, env, app).then().statusCode(200).body("count", equalTo(1));
    }

    @Test
    void policyAndPriorityAreRequired() {
        rejectsCreate(Map.of("priority", 1), "REQUIRED_VALUE", "signOnPolicy");
        rejectsCreate(Map.of("signOnPolicy", Map.of("id", single)), "REQUIRED_VALUE", "priority");
        rejectsCreate(Map.of("signOnPolicy", Map.of(), "priority", 1), "REQUIRED_VALUE", "signOnPolicy.id");
    }

    @Test
    void priorityStartsAtOne() {
        rejectsCreate(assignment(single, 0), "OUT_OF_RANGE", "priority");
        rejectsCreate(assignment(single, -3), "OUT_OF_RANGE", "priority");
        rejectsCreate(assignment(single, "first"), "INVALID_VALUE", "priority");
        rejectsCreate(assignment(single, 1.5), "INVALID_VALUE", "priority");
    }

    @Test
    void unknownPolicyIsInvalid() {
        rejectsCreate(assignment(UUID.randomUUID().toString(), 1), "INVALID_VALUE", "signOnPolicy.id");
    }

    @Test
    void policyOfAnotherEnvironmentIsInvalid() {
        String otherEnv = Fixtures.environment(admin);
        rejectsCreate(assignment(singleFactor(server, otherEnv), 1), "INVALID_VALUE", "signOnPolicy.id");
    }

    @Test
    void priorityIsUniquePerApplication() {
        admin.post(ASSIGNMENTS, assignment(single, 1), env, app).then().statusCode(201);
        rejectsCreate(assignment(other, 1), "UNIQUENESS_VIOLATION", "priority");
        // Another application may use the same priority.
        String otherApp = create(admin, env, "SINGLE_PAGE_APP");
        admin.post(ASSIGNMENTS, assignment(single, 1), env, otherApp).then().statusCode(201);
    }

    @Test
    void policyIsAssignedOncePerApplication() {
        admin.post(ASSIGNMENTS, assignment(single, 1), env, app).then().statusCode(201);
        rejectsCreate(assignment(single, 2), "UNIQUENESS_VIOLATION", "signOnPolicy.id");
    }

    @Test
    void putOntoATakenPriorityChangesNothing() {
        admin.post(ASSIGNMENTS, assignment(single, 1), env, app).then().statusCode(201);
        String id = admin.post(ASSIGNMENTS, assignment(other, 2), env, app)
                .then()
                .statusCode(201)
                .extract()
                .path("id");
        String before = list();
        invalid(admin.put(ASSIGNMENT, assignment(other, 1), env, app, id), "UNIQUENESS_VIOLATION", "priority");
        invalid(admin.put(ASSIGNMENT, assignment(single, 2), env, app, id), "UNIQUENESS_VIOLATION", "signOnPolicy.id");
        invalid(admin.put(ASSIGNMENT, assignment(other, 0), env, app, id), "OUT_OF_RANGE", "priority");
        assertThat(list()).isEqualTo(before);
        // Keeping its own priority is fine.
        admin.put(ASSIGNMENT, assignment(other, 2), env, app, id).then().statusCode(200);
    }

    @Test
    void assignmentsOfAnUnknownApplicationAre404() {
        String unknown = UUID.randomUUID().toString();
        notFound(admin.get(ASSIGNMENTS, env, unknown));
        notFound(admin.post(ASSIGNMENTS, assignment(single, 1), env, unknown));
        notFound(admin.put(ASSIGNMENT, assignment(single, 1), env, app, unknown));
    }
}
