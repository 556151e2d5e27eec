package io.latchkey.applications;

import static io.latchkey.applications.AppFixtures.body;
import static io.latchkey.applications.AppFixtures.create;
import static io.latchkey.applications.AppFixtures.with;
import static org.hamcrest.Matchers.equalTo;
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
 * {@code corsSettings} as the management API keeps them; what the Auth API does with them is
 * {@code http.CorsTest}. Both behaviours are accepted: ALLOW_SPECIFIC_ORIGINS is followed by the Auth API (it was
 * refused while Latchkey answered no cross-origin request).
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
    void specificOriginsAreAcceptedOnCreateAndReplaceAndShown() {
        String app = create(admin, env, with(body("SINGLE_PAGE_APP"), "corsSettings", SPECIFIC));
        admin.get(APPS + "/{app}", env, app)
                .then()
                .statusCode(200)
                .body("corsSettings.behavior", equalTo("ALLOW_SPECIFIC_ORIGINS"))
                .body("corsSettings.origins", equalTo(List.of("https://spa.example.com")));
        Map<String, Object> wildcard = Map.of(
                "behavior",
                "ALLOW_SPECIFIC_ORIGINS",
                "origins",
                List.of("https://*.example.com", "http://localhost:3000"));
        admin.put(APPS + "/{app}", with(body("SINGLE_PAGE_APP"), "corsSettings", wildcard), env, app)
                .then()
                .statusCode(200)
                .body("corsSettings.origins", equalTo(List.of("https://*.example.com", "http://localhost:3000")));
        admin.put(APPS + "/{app}", body("SINGLE_PAGE_APP"), env, app)
                .then()
                .statusCode(200)
                .body("corsSettings", nullValue());
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
