package io.latchkey.resources;

import static io.latchkey.resources.ResourceAttributesApiTest.ATTRIBUTE;
import static io.latchkey.resources.ResourceAttributesApiTest.ATTRIBUTES;
import static io.latchkey.resources.ResourceFixtures.snapshot;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;

import io.latchkey.testkit.Api;
import io.latchkey.testkit.Db;
import io.latchkey.testkit.Fixtures;
import io.latchkey.testkit.TestServer;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Advanced expressions and the {@code required} flag of resource attributes, checked when they are written: what
 * PingOne's token exchange use cases configure is accepted and kept; anything else is INVALID_VALUE and changes
 * nothing.
 */
@ParameterizedClass
@EnumSource(Db.class)
class ResourceAttributeExpressionsApiTest {
    private static final String ACT = "${(#root.context.requestData.grantType == \"client_credentials\")?\"noActor\":"
            + "((#root.context.requestData.subjectToken.may_act.sub == #root.context.requestData.actorToken.client_id)"
            + "?#root.context.requestData.subjectToken.may_act:null)}";

    @Parameter
    Db db;

    Api admin;
    String env;
    String custom;
    String openid;

    @BeforeEach
    void setUp() {
        admin = TestServer.shared(db).admin();
        env = Fixtures.environment(admin);
        custom = ResourceFixtures.custom(admin, env, "DoB");
        openid = ResourceFixtures.byName(admin, env, "openid");
    }

    @Test
    void thePingOneDelegationMappingsAreKeptAsWritten() {
        String id = admin.post(ATTRIBUTES, Map.of("name", "act", "value", ACT, "required", true), env, custom)
                .then()
                .statusCode(201)
                .body("value", equalTo(ACT))
                .body("required", equalTo(true))
                .extract()
                .path("id");
        admin.get(ATTRIBUTE, env, custom, id)
                .then()
                .statusCode(200)
                .body("value", equalTo(ACT))
                .body("required", equalTo(true));
        admin.put(ATTRIBUTE, Map.of("name", "act", "value", ACT), env, custom, id)
                .then()
                .statusCode(200)
                .body("required", nullValue());
        admin.post(ATTRIBUTES, Map.of("name", "may_act", "value", "${{\"sub\": \"45f60a71\"}}"), env, custom)
                .then()
                .statusCode(201);
        // User-only expressions are fine on the openid resource too.
        admin.post(ATTRIBUTES, Map.of("name", "nick", "value", "${user.nickname + '!'}"), env, openid)
                .then()
                .statusCode(201);
    }

    @Test
    void expressionsThatDoMoreThanReadAreRefused() {
        String id = ResourceFixtures.attribute(admin, env, custom, "tier", "gold");
        String before = snapshot(admin, ATTRIBUTES, env, custom);
        Map<String, String> bad = Map.of(
                "${T(java.lang.Runtime).getRuntime().exec('id')}", "not supported",
                "${#root.context.requestData.subjectToken.sub.toUpperCase()}", "not supported",
                "${new java.io.File('/')}", "not supported",
                "${context.requestData.password}", "context.requestData has",
                "${context.secrets}", "context has requestData and appConfig only",
                "${session.id}", "'session' is not known",
                "${(user.email == }", "does not parse",
                "${#root}", "name an attribute",
                "${user}", "name an attribute",
                "a${user.email}", "An expression is written");
        bad.forEach((value, why) -> {
            admin.post(ATTRIBUTES, Map.of("name", "claim", "value", value), env, custom)
                    .then()
                    .statusCode(400)
                    .body("code", equalTo("INVALID_DATA"))
                    .body("details[0].code", equalTo("INVALID_VALUE"))
                    .body("details[0].target", equalTo("value"))
                    .body("details[0].message", containsString(why));
            admin.put(ATTRIBUTE, Map.of("name", "tier", "value", value), env, custom, id)
                    .then()
                    .statusCode(400)
                    .body("details[0].target", equalTo("value"));
        });
        assertThat(snapshot(admin, ATTRIBUTES, env, custom)).isEqualTo(before);
    }

    @Test
    void theTokenRequestAndRequiredAreForCustomResourcesOnly() {
        String before = snapshot(admin, ATTRIBUTES, env, openid);
        admin.post(ATTRIBUTES, Map.of("name", "actor", "value", "${context.requestData.actorToken.sub}"), env, openid)
                .then()
                .statusCode(400)
                .body("details[0].code", equalTo("INVALID_VALUE"))
                .body("details[0].target", equalTo("value"))
                .body("details[0].message", containsString("custom resources only"));
        admin.post(ATTRIBUTES, Map.of("name", "tier", "value", "gold", "required", true), env, openid)
                .then()
                .statusCode(400)
                .body("details[0].code", equalTo("INVALID_VALUE"))
                .body("details[0].target", equalTo("required"));
        admin.post(ATTRIBUTES, Map.of("name", "tier", "value", "gold", "required", "yes"), env, custom)
                .then()
                .statusCode(400)
                .body("details[0].target", equalTo("required"));
        assertThat(snapshot(admin, ATTRIBUTES, env, openid)).isEqualTo(before);
    }
}
