package io.latchkey.environments;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;

import com.fasterxml.jackson.databind.JsonNode;
import io.latchkey.http.Json;
import io.latchkey.testkit.Fixtures;
import io.latchkey.testkit.TestServer;
import java.util.List;
import java.util.Map;
import org.jdbi.v3.core.Handle;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * What PingOne puts in a new environment. The management endpoints of populations, resources and policies are
 * not part of the foundation, so their rows are read in the database; the keys are read where clients read them,
 * in the JWKS.
 */
class NewEnvironmentContentsTest {
    /** One new environment for the whole class: the tests only read it. */
    private static String env;

    private static TestServer server() {
        return TestServer.shared();
    }

    @BeforeAll
    static void createEnvironment() {
        env = Fixtures.environment(server().admin());
    }

    private <T> T sql(org.jdbi.v3.core.HandleCallback<T, RuntimeException> work) {
        return server().latchkey().database().withHandle(work);
    }

    private static List<Map<String, Object>> rows(Handle h, String sql, String env) {
        return h.createQuery(sql).bind("env", env).mapToMap().list();
    }

    @Test
    void aDefaultPopulationUsingTheStandardPasswordPolicy() {
        List<Map<String, Object>> populations = sql(h -> rows(h, """
                select p.name, p.is_default, pp.name as policy from populations p
                left join password_policies pp on pp.id = p.password_policy_id and pp.environment_id = p.environment_id
                where p.environment_id = :env""", env));
        assertThat(populations).hasSize(1);
        assertThat(populations.get(0))
                .containsEntry("name", "Default")
                .containsEntry("is_default", true)
                .containsEntry("policy", "Standard");
    }

    @Test
    void theOpenidResourceWithTheStandardScopes() {
        List<Map<String, Object>> openid = sql(h -> rows(
                h, "select id, type, audience from resources where environment_id = :env and name = 'openid'", env));
        assertThat(openid).hasSize(1);
        assertThat(openid.get(0)).containsEntry("type", "OPENID_CONNECT");
        List<String> scopes = sql(
                h -> h.createQuery("select name from resource_scopes where environment_id = :env and resource_id = :r")
                        .bind("env", env)
                        .bind("r", openid.get(0).get("id"))
                        .mapTo(String.class)
                        .list());
        assertThat(scopes)
                .containsExactlyInAnyOrder("openid", "profile", "email", "address", "phone", "offline_access");
    }

    @Test
    void thePingOneApiResource() {
        List<Map<String, Object>> api = sql(h -> rows(
                h, "select name, audience from resources where environment_id = :env and type = 'PINGONE_API'", env));
        assertThat(api).hasSize(1);
        assertThat(api.get(0))
                .containsEntry("name", "PingOne API")
                .containsEntry("audience", "https://api.pingone.com");
        long resources = sql(h -> h.createQuery("select count(*) from resources where environment_id = :env")
                .bind("env", env)
                .mapTo(Long.class)
                .one());
        assertThat(resources).isEqualTo(2);
    }

    @Test
    void singleFactorIsTheDefaultSignOnPolicyWithOneLoginAction() {
        List<Map<String, Object>> policies =
                sql(h -> rows(h, "select id, name, is_default from sign_on_policies where environment_id = :env", env));
        assertThat(policies).hasSize(1);
        assertThat(policies.get(0)).containsEntry("name", "Single_Factor").containsEntry("is_default", true);
        List<Map<String, Object>> actions = sql(h -> h.createQuery(
                        "select type, priority, doc from sign_on_policy_actions where environment_id = :env and policy_id = :p")
                .bind("env", env)
                .bind("p", policies.get(0).get("id"))
                .mapToMap()
                .list());
        assertThat(actions).hasSize(1);
        assertThat(actions.get(0)).containsEntry("type", "LOGIN").containsEntry("priority", 1);
        JsonNode doc = Json.parse((String) actions.get(0).get("doc"));
        assertThat(doc.path("recovery").path("enabled").isBoolean()).isTrue();
    }

    @Test
    void theThreeBuiltInPasswordPoliciesWithStandardAsDefault() {
        List<Map<String, Object>> policies = sql(
                h -> rows(h, "select name, is_default, doc from password_policies where environment_id = :env", env));
        assertThat(policies)
                .extracting(p -> p.get("name"))
                .containsExactlyInAnyOrder("Standard", "Passphrase", "Basic");
        assertThat(policies)
                .filteredOn(p -> Boolean.TRUE.equals(p.get("is_default")))
                .extracting(p -> p.get("name"))
                .containsExactly("Standard");
        JsonNode standard = Json.parse((String) policies.stream()
                .filter(p -> p.get("name").equals("Standard"))
                .findFirst()
                .orElseThrow()
                .get("doc"));
        assertThat(standard.path("length").path("min").asInt()).isEqualTo(8);
    }

    @Test
    void itsOwnRs256SigningKeyPublishedInItsJwks() {
        String other = Fixtures.environment(server().admin());
        String kid = server().anonymous()
                .request()
                .get("/" + env + "/as/jwks")
                .then()
                .statusCode(200)
                .body("keys", hasSize(1))
                .body("keys[0].kty", equalTo("RSA"))
                .body("keys[0].alg", equalTo("RS256"))
                .body("keys[0].use", equalTo("sig"))
                .extract()
                .path("keys[0].kid");
        String otherKid = server().anonymous()
                .request()
                .get("/" + other + "/as/jwks")
                .then()
                .statusCode(200)
                .extract()
                .path("keys[0].kid");
        assertThat(kid).isNotEqualTo(otherKid);
        String owner = sql(h -> h.createQuery("select environment_id from signing_keys where id = :k")
                .bind("k", kid)
                .mapTo(String.class)
                .one());
        assertThat(owner).isEqualTo(env);
    }
}
