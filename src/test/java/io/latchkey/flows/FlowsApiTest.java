package io.latchkey.flows;

import static io.latchkey.oauth.SignOnFixtures.PASSWORD;
import static io.latchkey.oauth.SignOnFixtures.REDIRECT_URI;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThan;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;

import com.fasterxml.jackson.databind.JsonNode;
import io.latchkey.http.Json;
import io.latchkey.oauth.BrowserlessClient;
import io.latchkey.oauth.SignOnFixtures;
import io.latchkey.testkit.Api;
import io.latchkey.testkit.Fixtures;
import io.latchkey.testkit.TestServer;
import io.restassured.response.Response;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The flows API driven the way PingOne's custom sign-on samples drive it. */
class FlowsApiTest {
    private static final String CHECK = "application/vnd.pingidentity.usernamePassword.check+json";

    TestServer server;
    Api admin;
    String env;
    SignOnFixtures.App app;
    String username;
    String userId;
    BrowserlessClient client;

    @BeforeEach
    void setUp() {
        server = TestServer.shared();
        admin = server.admin();
        env = Fixtures.environment(admin);
        app = SignOnFixtures.webApp(admin, env, "CLIENT_SECRET_BASIC");
        username = "user-" + UUID.randomUUID();
        userId = SignOnFixtures.user(admin, env, username, PASSWORD, false);
        client = new BrowserlessClient(server.baseUrl(), env);
    }

    private String startFlow(BrowserlessClient c, String... extra) {
        Map<String, String> p = new java.util.HashMap<>(Map.of(
                "response_type",
                "code",
                "client_id",
                app.id(),
                "redirect_uri",
                REDIRECT_URI,
                "scope",
                "openid",
                "response_mode",
                "pi.flow"));
        for (int i = 0; i < extra.length; i += 2) p.put(extra[i], extra[i + 1]);
        return c.authorize(p).then().statusCode(200).extract().path("id");
    }

    @Test
    void wrongPasswordAndUnknownUserGetTheSameAnswer() {
        String flow = startFlow(client);
        Response wrong = client.signOn(flow, username, "Wr0ng-password!");
        Response unknown = client.signOn(flow, "nobody-" + UUID.randomUUID(), "Wr0ng-password!");
        for (Response r : List.of(wrong, unknown)) {
            r.then()
                    .statusCode(400)
                    .body("code", equalTo("INVALID_DATA"))
                    .body("details[0].code", equalTo("INVALID_CREDENTIALS"))
                    .body("details[0].target", equalTo("password"));
        }
        assertThat(wrong.path("details[0].message").toString())
                .isEqualTo(unknown.path("details[0].message").toString());
        client.flow(flow).then().statusCode(200).body("status", equalTo("USERNAME_PASSWORD_REQUIRED"));
    }

    @Test
    void wrongPasswordsLockTheAccountWithoutTellingHowManyAttemptsAreLeft() {
        String flow = startFlow(client);
        // A count would tell an existing account from an unknown one, which has none.
        client.signOn(flow, username, "Wr0ng-password!")
                .then()
                .statusCode(400)
                .body("details[0].code", equalTo("INVALID_CREDENTIALS"))
                .body("details[0]", not(hasKey("innerError")));
        for (int i = 0; i < 4; i++) client.signOn(flow, username, "Wr0ng-password!");
        client.signOn(flow, username, PASSWORD)
                .then()
                .statusCode(400)
                .body("details[0].code", equalTo("PASSWORD_LOCKED_OUT"))
                .body("details[0].innerError.secondsUntilUnlock", greaterThan(800));
        admin.get("/v1/environments/{env}/users/{id}", env, userId).then().body("account.status", equalTo("LOCKED"));
    }

    @Test
    void correctPasswordCompletesTheFlowAndSetsTheSessionCookie() {
        String flow = startFlow(client);
        client.signOn(flow, username, PASSWORD)
                .then()
                .statusCode(200)
                .body("status", equalTo("COMPLETED"))
                .body("_embedded.user.username", equalTo(username))
                .body("session.id", notNullValue())
                .body("resumeUrl", notNullValue())
                .header("Set-Cookie", containsString("ST="))
                .header("Set-Cookie", containsString("SameSite=Lax"))
                .header("Set-Cookie", containsString("HttpOnly"));
    }

    @Test
    void disabledUserCannotSignOn() {
        admin.request()
                .contentType("application/json")
                .body(Map.of("enabled", false))
                .put("/v1/environments/{env}/users/{id}/enabled", env, userId)
                .then()
                .statusCode(200);
        String flow = startFlow(client);
        client.signOn(flow, username, PASSWORD)
                .then()
                .statusCode(400)
                .body("code", equalTo("INVALID_DATA"))
                .body("details[0].code", equalTo("ACCOUNT_NOT_USABLE"));
        client.flow(flow).then().body("status", equalTo("USERNAME_PASSWORD_REQUIRED"));
    }

    @Test
    void forcedChangeAsksForANewPasswordCheckedAgainstThePolicy() {
        String other = "force-" + UUID.randomUUID();
        SignOnFixtures.user(admin, env, other, PASSWORD, true);
        String flow = startFlow(client);
        client.signOn(flow, other, PASSWORD)
                .then()
                .statusCode(200)
                .body("status", equalTo("MUST_CHANGE_PASSWORD"))
                .body("_links.'password.reset'.href", notNullValue())
                .body("_embedded.passwordPolicy", notNullValue());
        client.step(
                        flow,
                        "application/vnd.pingidentity.password.reset+json",
                        Map.of("currentPassword", PASSWORD, "newPassword", "short"))
                .then()
                .statusCode(400)
                .body("details[0].target", equalTo("newPassword"));
        client.step(
                        flow,
                        "application/vnd.pingidentity.password.reset+json",
                        Map.of("currentPassword", "Wr0ng-password!", "newPassword", "An0ther-Good-Passw0rd!"))
                .then()
                .statusCode(400)
                .body("details[0].target", equalTo("currentPassword"));
        client.step(
                        flow,
                        "application/vnd.pingidentity.password.reset+json",
                        Map.of("currentPassword", PASSWORD, "newPassword", "An0ther-Good-Passw0rd!"))
                .then()
                .statusCode(200)
                .body("status", equalTo("COMPLETED"));
    }

    @Test
    void forgotPasswordSendsACodeThatRecoversTheAccount() throws IOException {
        SignOnFixtures.loginAction(admin, env, SignOnFixtures.defaultPolicy(admin, env), true, false);
        String flow = startFlow(client);
        client.flow(flow).then().body("_links.'password.forgot'.href", notNullValue());
        client.step(flow, "application/vnd.pingidentity.password.forgot+json", Map.of("username", username))
                .then()
                .statusCode(200)
                .body("status", equalTo("RECOVERY_CODE_REQUIRED"));
        String code = lastCode(userId);
        client.step(
                        flow,
                        "application/vnd.pingidentity.password.recover+json",
                        Map.of("recoveryCode", "000000", "newPassword", "N3w-Passw0rd-Here!"))
                .then()
                .statusCode(400);
        client.step(
                        flow,
                        "application/vnd.pingidentity.password.recover+json",
                        Map.of("recoveryCode", code, "newPassword", "N3w-Passw0rd-Here!"))
                .then()
                .statusCode(200)
                .body("status", equalTo("COMPLETED"));
        // The new password signs on; the old one no longer does.
        BrowserlessClient other = new BrowserlessClient(server.baseUrl(), env);
        other.signOn(startFlow(other), username, PASSWORD)
                .then()
                .statusCode(400)
                .body("details[0].code", equalTo("INVALID_CREDENTIALS"));
        other.signOn(startFlow(other), username, "N3w-Passw0rd-Here!")
                .then()
                .statusCode(200)
                .body("status", equalTo("COMPLETED"));
    }

    @Test
    void forgotPasswordForAnUnknownUserLooksTheSame() {
        SignOnFixtures.loginAction(admin, env, SignOnFixtures.defaultPolicy(admin, env), true, false);
        String flow = startFlow(client);
        client.step(
                        flow,
                        "application/vnd.pingidentity.password.forgot+json",
                        Map.of("username", "ghost-" + UUID.randomUUID()))
                .then()
                .statusCode(200)
                .body("status", equalTo("RECOVERY_CODE_REQUIRED"));
    }

    @Test
    void recoveryAndRegistrationAreRefusedWhenTheLoginActionDisablesThem() {
        SignOnFixtures.loginAction(admin, env, SignOnFixtures.defaultPolicy(admin, env), false, false);
        String flow = startFlow(client);
        client.step(flow, "application/vnd.pingidentity.password.forgot+json", Map.of("username", username))
                .then()
                .statusCode(415)
                .body("code", equalTo("INVALID_REQUEST"))
                // What the flow does take, and not the step the policy disabled.
                .body("details[0].innerError.allowedValues", hasItem(CHECK))
                .body("details[0].innerError.allowedValues", not(hasItem(containsString("password.forgot"))));
        client.step(
                        flow,
                        "application/vnd.pingidentity.user.register+json",
                        Map.of("username", "x", "password", PASSWORD))
                .then()
                .statusCode(415);
    }

    @Test
    void registrationCreatesTheUserAndSignsThemOn() {
        SignOnFixtures.loginAction(admin, env, SignOnFixtures.defaultPolicy(admin, env), false, true);
        String flow = startFlow(client);
        String newName = "new-" + UUID.randomUUID();
        client.step(
                        flow,
                        "application/vnd.pingidentity.user.register+json",
                        Map.of("username", newName, "email", newName + "@example.com", "password", PASSWORD))
                .then()
                .statusCode(200)
                .body("status", equalTo("COMPLETED"))
                .body("_embedded.user.username", equalTo(newName));
    }

    @Test
    void unknownContentTypeIs415AndChangesNothing() {
        String flow = startFlow(client);
        client.step(flow, "application/json", Map.of("username", username, "password", PASSWORD))
                .then()
                .statusCode(415)
                .body("code", equalTo("INVALID_REQUEST"))
                .body("message", containsString("'application/json' is not supported"))
                .body("message", containsString("status USERNAME_PASSWORD_REQUIRED"))
                .body("message", containsString(CHECK))
                .body("details[0].code", equalTo("INVALID_VALUE"))
                .body("details[0].target", equalTo("Content-Type"))
                .body("details[0].innerError.allowedValues", hasItem(CHECK));
        client.step(
                        flow,
                        "application/vnd.pingidentity.password.reset+json",
                        Map.of("currentPassword", PASSWORD, "newPassword", PASSWORD))
                .then()
                .statusCode(415);
        client.flow(flow).then().body("status", equalTo("USERNAME_PASSWORD_REQUIRED"));
    }

    @Test
    void missingFieldsAreReportedAllAtOnce() {
        String flow = startFlow(client);
        client.step(flow, CHECK, Map.of())
                .then()
                .statusCode(400)
                .body("details.size()", equalTo(2))
                .body("details.target", org.hamcrest.Matchers.containsInAnyOrder("username", "password"));
    }

    @Test
    void sessionResetStartsOver() throws Exception {
        String other = "force-" + UUID.randomUUID();
        SignOnFixtures.user(admin, env, other, PASSWORD, true);
        String flow = startFlow(client);
        client.signOn(flow, other, PASSWORD).then().body("status", equalTo("MUST_CHANGE_PASSWORD"));
        client.step(flow, "application/vnd.pingidentity.session.reset+json", Map.of())
                .then()
                .statusCode(200)
                .body("status", equalTo("USERNAME_PASSWORD_REQUIRED"))
                .body("_embedded.user", nullValue());
    }

    @Test
    void aFlowWithoutItsBrowserCookieIsRefused() {
        String flow = startFlow(client);
        new BrowserlessClient(server.baseUrl(), env)
                .signOn(flow, username, PASSWORD)
                .then()
                .statusCode(401)
                .body("code", equalTo("ACCESS_FAILED"))
                // Says what happened and what to do, not that a token the caller never sent is wrong.
                .body("message", containsString("belongs to another browser"))
                .body("message", containsString("continue it in the browser that started it"))
                .body("details[0].code", equalTo("INVALID_TOKEN"))
                .body("details[0].message", not(containsString("token")));
        new BrowserlessClient(server.baseUrl(), env)
                .flow(flow)
                .then()
                .statusCode(401)
                .body("message", containsString("belongs to another browser"));
        client.flow(flow).then().body("status", equalTo("USERNAME_PASSWORD_REQUIRED"));
    }

    @Test
    void aLiveSessionSkipsTheSignOnUnlessPromptLoginOrMaxAgeSaysOtherwise() {
        String flow = startFlow(client);
        client.signOn(flow, username, PASSWORD).then().body("status", equalTo("COMPLETED"));
        client.resume(flow).then().statusCode(200).body("authorizeResponse.code", notNullValue());
        // SSO: the next authorize answers at once.
        Response sso = client.authorize(Map.of(
                "response_type",
                "code",
                "client_id",
                app.id(),
                "redirect_uri",
                REDIRECT_URI,
                "scope",
                "openid",
                "state",
                "again"));
        sso.then().statusCode(302);
        assertThat(BrowserlessClient.redirectParams(sso)).containsKey("code").containsEntry("state", "again");
        // prompt=login asks again.
        client.authorize(Map.of(
                        "response_type",
                        "code",
                        "client_id",
                        app.id(),
                        "redirect_uri",
                        REDIRECT_URI,
                        "scope",
                        "openid",
                        "prompt",
                        "login",
                        "response_mode",
                        "pi.flow"))
                .then()
                .statusCode(200)
                .body("status", equalTo("USERNAME_PASSWORD_REQUIRED"));
        // prompt=none works with the session.
        Response none = client.authorize(Map.of(
                "response_type",
                "code",
                "client_id",
                app.id(),
                "redirect_uri",
                REDIRECT_URI,
                "scope",
                "openid",
                "prompt",
                "none"));
        assertThat(BrowserlessClient.redirectParams(none)).containsKey("code");
        // max_age=0 means the sign-on is too old.
        client.authorize(Map.of(
                        "response_type",
                        "code",
                        "client_id",
                        app.id(),
                        "redirect_uri",
                        REDIRECT_URI,
                        "scope",
                        "openid",
                        "max_age",
                        "0",
                        "response_mode",
                        "pi.flow"))
                .then()
                .statusCode(200)
                .body("status", equalTo("USERNAME_PASSWORD_REQUIRED"));
    }

    @Test
    void aFlowResumesOnceOnly() {
        String flow = startFlow(client);
        client.signOn(flow, username, PASSWORD);
        client.resume(flow).then().statusCode(200);
        client.resume(flow).then().statusCode(404);
    }

    @Test
    void resumeBeforeCompletionIsRefused() {
        String flow = startFlow(client);
        client.resume(flow).then().statusCode(400);
        client.flow(flow).then().statusCode(200);
    }

    private String lastCode(String forUser) throws IOException {
        Path outbox = server.config().dataDir().resolve("outbox.jsonl");
        List<String> lines = Files.readAllLines(outbox);
        for (int i = lines.size() - 1; i >= 0; i--) {
            JsonNode n = Json.parse(lines.get(i));
            if (forUser.equals(n.path("userId").asText())) return n.path("code").asText();
        }
        throw new AssertionError("No code for " + forUser);
    }
}
