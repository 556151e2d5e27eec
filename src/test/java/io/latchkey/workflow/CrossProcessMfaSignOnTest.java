package io.latchkey.workflow;

import static io.latchkey.oauth.SignOnFixtures.PASSWORD;
import static io.latchkey.oauth.SignOnFixtures.REDIRECT_URI;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import com.fasterxml.jackson.databind.JsonNode;
import com.nimbusds.jwt.SignedJWT;
import io.latchkey.app.Latchkey;
import io.latchkey.http.Json;
import io.latchkey.mfa.MfaFixtures;
import io.latchkey.oauth.BrowserlessClient;
import io.latchkey.oauth.SignOnFixtures;
import io.latchkey.testkit.Api;
import io.latchkey.testkit.Db;
import io.latchkey.testkit.Fixtures;
import io.latchkey.testkit.TestServer;
import io.restassured.response.Response;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * Two processes on one PostgreSQL serve one sign-on with MFA: authorize and the password on the first (which sends the
 * emailed passcode), the wrong and the right passcode on the second, resume on the first, the token on the second.
 * The passcode, the device's count of wrong ones and the flow live only in the database.
 */
class CrossProcessMfaSignOnTest {
    private static final String OTP_CHECK = "application/vnd.pingidentity.otp.check+json";

    @Test
    void passwordOnOneProcessPasscodeOnAnother() throws Exception {
        TestServer first = TestServer.shared(Db.POSTGRES);
        Api admin = first.admin();
        String env = Fixtures.environment(admin);
        SignOnFixtures.App app = SignOnFixtures.webApp(admin, env, "CLIENT_SECRET_BASIC");
        String policy = MfaFixtures.post(admin, MfaFixtures.DEVICE_POLICIES, MfaFixtures.devicePolicy("xp"), env)
                .then()
                .statusCode(201)
                .extract()
                .path("id");
        admin.post(
                        "/v1/environments/{env}/signOnPolicies/{p}/actions",
                        Map.of(
                                "priority",
                                2,
                                "type",
                                "MULTI_FACTOR_AUTHENTICATION",
                                "deviceAuthenticationPolicy",
                                Map.of("id", policy)),
                        env,
                        SignOnFixtures.defaultPolicy(admin, env))
                .then()
                .statusCode(201);
        String username = "xp-mfa-" + UUID.randomUUID();
        String user = SignOnFixtures.user(admin, env, username, PASSWORD, false);
        admin.put("/v1/environments/{env}/users/{user}/mfaEnabled", Map.of("mfaEnabled", true), env, user)
                .then()
                .statusCode(200);
        admin.post(
                        "/v1/environments/{env}/users/{user}/devices",
                        Map.of("type", "EMAIL", "email", username + "@example.com"),
                        env,
                        user)
                .then()
                .statusCode(200);

        try (Latchkey second = first.sibling()) {
            BrowserlessClient onFirst = new BrowserlessClient(first.baseUrl(), env);
            String flow = BrowserlessClient.flowIdOf(onFirst.authorize(Map.of(
                    "response_type",
                    "code",
                    "client_id",
                    app.id(),
                    "redirect_uri",
                    REDIRECT_URI,
                    "scope",
                    "openid",
                    "state",
                    "xp")));
            onFirst.signOn(flow, username, PASSWORD).then().statusCode(200).body("status", equalTo("OTP_REQUIRED"));
            String code = sentCode(first, user);

            // The same browser (cookie jar), now talking to the second process.
            BrowserlessClient onSecond = onFirst.withBaseUrl("http://localhost:" + second.port());
            onSecond.flow(flow).then().statusCode(200).body("status", equalTo("OTP_REQUIRED"));
            String wrong = code.equals("000000") ? "111111" : "000000";
            onSecond.step(flow, OTP_CHECK, Map.of("otp", wrong))
                    .then()
                    .statusCode(400)
                    .body("details[0].code", equalTo("INVALID_OTP"))
                    .body("details[0].message", org.hamcrest.Matchers.containsString("Attempts left: 2"));
            // The first process sees the count the second one wrote.
            onFirst.step(flow, OTP_CHECK, Map.of("otp", wrong))
                    .then()
                    .statusCode(400)
                    .body("details[0].message", org.hamcrest.Matchers.containsString("Attempts left: 1"));
            onSecond.step(flow, OTP_CHECK, Map.of("otp", code))
                    .then()
                    .statusCode(200)
                    .body("status", equalTo("COMPLETED"));

            Response resumed = onFirst.resume(flow);
            assertThat(resumed.statusCode()).isEqualTo(302);
            Map<String, String> params = BrowserlessClient.redirectParams(resumed);
            assertThat(params).containsEntry("state", "xp").containsKey("code");
            String idToken = onSecond.token(
                            Map.of(
                                    "grant_type",
                                    "authorization_code",
                                    "code",
                                    params.get("code"),
                                    "redirect_uri",
                                    REDIRECT_URI),
                            app.id(),
                            app.secret())
                    .then()
                    .statusCode(200)
                    .extract()
                    .path("id_token");
            assertThat(SignedJWT.parse(idToken).getJWTClaimsSet().getStringListClaim("amr"))
                    .containsExactly("pwd", "otp", "mfa");
        }
    }

    /** The last sign-on passcode the outbox (shared by both processes: one data dir) holds for the user. */
    private static String sentCode(TestServer server, String user) throws Exception {
        Path file = server.config().dataDir().resolve("outbox.jsonl");
        List<JsonNode> lines = Files.readAllLines(file).stream()
                .map(Json::parse)
                .filter(n -> user.equals(n.path("userId").asText()))
                .filter(n -> "mfa.signon".equals(n.path("purpose").asText()))
                .toList();
        assertThat(lines).hasSize(1);
        return lines.get(0).path("code").asText();
    }
}
