package io.latchkey.applications;

import static io.latchkey.applications.AppFixtures.body;
import static io.latchkey.applications.AppFixtures.create;
import static io.latchkey.applications.AppFixtures.with;
import static io.latchkey.applications.Rejections.invalid;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

import io.latchkey.testkit.Api;
import io.latchkey.testkit.Db;
import io.latchkey.testkit.Fixtures;
import io.latchkey.testkit.TestServer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@code requireSignedRequestObject} and {@code supportUnsignedRequestObject}: the authorization endpoint refuses
 * request objects ({@code request_not_supported}), so neither may be turned on; false (or omitted) is fine.
 */
@ParameterizedClass
@EnumSource(Db.class)
class RequestObjectSettingsTest {
    private static final String APPS = "/v1/environments/{env}/applications";

    @Parameter
    Db db;

    Api admin;
    String env;

    @BeforeEach
    void setUp() {
        admin = TestServer.shared(db).admin();
        env = Fixtures.environment(admin);
    }

    @ParameterizedTest
    @ValueSource(strings = {"requireSignedRequestObject", "supportUnsignedRequestObject"})
    void turningARequestObjectSettingOnIsRefusedOnCreate(String field) {
        invalid(admin.post(APPS, with(body("WEB_APP"), field, true), env), "INVALID_VALUE", field)
                .then().body("details.message", hasItem(containsString("Request objects")));
    }

    @ParameterizedTest
    @ValueSource(strings = {"requireSignedRequestObject", "supportUnsignedRequestObject"})
    void turningARequestObjectSettingOnIsRefusedOnReplace(String field) {
        String app = create(admin, env, body("WEB_APP"));
        invalid(admin.put(APPS + "/{app}", with(body("WEB_APP"), field, true), env, app), "INVALID_VALUE", field);
        admin.get(APPS + "/{app}", env, app).then().statusCode(200).body(field, equalTo(false));
    }

    @Test
    void falseIsAccepted() {
        admin.post(APPS, with(body("WEB_APP"), "requireSignedRequestObject", false, "supportUnsignedRequestObject", false), env)
                .then().statusCode(201)
                .body("requireSignedRequestObject", equalTo(false))
                .body("supportUnsignedRequestObject", equalTo(false));
    }
}
