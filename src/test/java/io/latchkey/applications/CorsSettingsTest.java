package io.latchkey.applications;

import static io.latchkey.applications.AppFixtures.body;
import static io.latchkey.applications.AppFixtures.create;
import static io.latchkey.applications.AppFixtures.with;
import static io.latchkey.applications.Rejections.invalid;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.nullValue;

import io.latchkey.testkit.Api;
import io.latchkey.testkit.Db;
import io.latchkey.testkit.Fixtures;
import io.latchkey.testkit.TestServer;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * {@code corsSettings}: PingOne trusts the listed origins on its session-cookie endpoints ({@code /as/authorize},
 * {@code /as/resume}, {@code /as/signoff}, the flows). Latchkey answers no cross-origin request there (nor anywhere):
 * ALLOW_NO_ORIGINS is what it does and is accepted; ALLOW_SPECIFIC_ORIGINS is refused naming the setting.
 */
@ParameterizedClass
@EnumSource(Db.class)
class CorsSettingsTest {
    private static final String APPS = "/v1/environments/{env}/applications";
    private static final Map<String, Object> SPECIFIC =
            Map.of("behavior", "ALLOW_SPECIFIC_ORIGINS", "origins", List.of("https://spa.example.com"));

    @Parameter
    Db db;

    TestServer server;
    Api admin;
    String env;

    @BeforeEach
    void setUp() {
        server = TestServer.shared(db);
        admin = server.admin();
        env = Fixtures.environment(admin);
    }

    @Test
    void specificOriginsAreRefusedOnCreateAndReplace() {
        invalid(
                        admin.post(APPS, with(body("SINGLE_PAGE_APP"), "corsSettings", SPECIFIC), env),
                        "INVALID_VALUE",
                        "corsSettings.behavior")
                .then()
                .body("details.message", hasItem(containsString("not supported yet")));
        String app = create(admin, env, body("SINGLE_PAGE_APP"));
        invalid(
                admin.put(APPS + "/{app}", with(body("SINGLE_PAGE_APP"), "corsSettings", SPECIFIC), env, app),
                "INVALID_VALUE",
                "corsSettings.behavior");
        admin.get(APPS + "/{app}", env, app).then().statusCode(200).body("corsSettings", nullValue());
    }

    @Test
    void noOriginsIsAcceptedAndIsWhatTheAuthApiDoes() {
        String app = create(
                admin, env, with(body("SINGLE_PAGE_APP"), "corsSettings", Map.of("behavior", "ALLOW_NO_ORIGINS")));
        admin.get(APPS + "/{app}", env, app)
                .then()
                .statusCode(200)
                .body("corsSettings.behavior", equalTo("ALLOW_NO_ORIGINS"));
        server.anonymous()
                .request()
                .header("Origin", "https://spa.example.com")
                .queryParams(Map.of(
                        "response_type",
                        "code",
                        "client_id",
                        app,
                        "redirect_uri",
                        "https://spa.example.com/",
                        "response_mode",
                        "pi.flow",
                        "scope",
                        "openid"))
                .get("/" + env + "/as/authorize")
                .then()
                .header("Access-Control-Allow-Origin", nullValue());
        server.anonymous()
                .request()
                .header("Origin", "https://spa.example.com")
                .header("Access-Control-Request-Method", "POST")
                .options("/" + env + "/as/authorize")
                .then()
                .header("Access-Control-Allow-Origin", nullValue());
    }
}
