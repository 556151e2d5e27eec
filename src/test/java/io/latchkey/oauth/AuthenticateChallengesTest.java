package io.latchkey.oauth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import io.latchkey.environments.EnvironmentFixtures;
import io.latchkey.testkit.Api;
import io.latchkey.testkit.Db;
import io.latchkey.testkit.Fixtures;
import io.latchkey.testkit.TestServer;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import org.junit.jupiter.api.Test;

/**
 * The {@code WWW-Authenticate} header of refused Auth API requests: Bearer (RFC 6750 §3) where an access token is
 * the credential (userinfo), Basic (RFC 6749 §5.2) only where a client authenticates (token, introspect, revoke).
 * (One database: no rule here is the database's.)
 */
class AuthenticateChallengesTest {
    private static final String INVALID_TOKEN =
            "Bearer error=\"invalid_token\", " + "error_description=\"The access token is invalid or has expired.\"";

    private final TestServer server = TestServer.shared(Db.H2);
    private final Api admin = server.admin();
    private final String env = Fixtures.environment(admin);

    private RequestSpecification anonymous() {
        return server.anonymous().request();
    }

    @Test
    void userinfoWithoutAnyTokenChallengesBearerWithTheRealmOnly() {
        String realm = "Bearer realm=\"/" + env + "/as/userinfo\"";
        for (Response r : new Response[] {
            anonymous().get("/{env}/as/userinfo", env),
            anonymous()
                    .contentType("application/x-www-form-urlencoded")
                    .formParam("scope", "openid")
                    .post("/{env}/as/userinfo", env),
            // A scheme userinfo does not take counts as no token (RFC 6750 §3.1: no error information then).
            anonymous().auth().preemptive().basic("someone", "secret").get("/{env}/as/userinfo", env)
        }) {
            r.then()
                    .statusCode(401)
                    .header("WWW-Authenticate", equalTo(realm))
                    .header("Cache-Control", "no-store")
                    .body("error", equalTo("invalid_token"))
                    .body("error_description", equalTo("A bearer access token is required."));
        }
    }

    @Test
    void userinfoWithAnInvalidTokenChallengesBearerWithTheError() {
        anonymous()
                .header("Authorization", "Bearer nonsense")
                .get("/{env}/as/userinfo", env)
                .then()
                .statusCode(401)
                .header("WWW-Authenticate", equalTo(INVALID_TOKEN))
                .body("error", equalTo("invalid_token"))
                .body("error_description", equalTo("The access token is invalid or has expired."));
        anonymous()
                .contentType("application/x-www-form-urlencoded")
                .formParam("access_token", "nonsense")
                .post("/{env}/as/userinfo", env)
                .then()
                .statusCode(401)
                .header("WWW-Authenticate", equalTo(INVALID_TOKEN));
        // A good token of another environment is no token of this one.
        anonymous()
                .header("Authorization", "Bearer " + admin.token())
                .get("/{env}/as/userinfo", env)
                .then()
                .statusCode(401)
                .header("WWW-Authenticate", equalTo(INVALID_TOKEN));
    }

    @Test
    void userinfoWithATokenWithoutOpenidIsInsufficientScope() {
        EnvironmentFixtures.Client worker = EnvironmentFixtures.worker(admin, env);
        String token = anonymous()
                .auth()
                .preemptive()
                .basic(worker.id(), worker.secret())
                .formParam("grant_type", "client_credentials")
                .post("/{env}/as/token", env)
                .then()
                .statusCode(200)
                .extract()
                .path("access_token");
        anonymous()
                .header("Authorization", "Bearer " + token)
                .get("/{env}/as/userinfo", env)
                .then()
                .statusCode(403)
                .header(
                        "WWW-Authenticate",
                        equalTo("Bearer error=\"insufficient_scope\", "
                                + "error_description=\"The access token does not allow reading user information.\""))
                .body("error", equalTo("insufficient_scope"));
    }

    @Test
    void basicIsChallengedOnlyWhereAClientAuthenticates() {
        EnvironmentFixtures.Client worker = EnvironmentFixtures.worker(admin, env);
        for (String endpoint : new String[] {"token", "introspect", "revoke"}) {
            Response r = anonymous()
                    .auth()
                    .preemptive()
                    .basic(worker.id(), "wrong")
                    .formParam("grant_type", "client_credentials")
                    .formParam("token", "t")
                    .post("/{env}/as/" + endpoint, env);
            r.then()
                    .statusCode(401)
                    .body("error", equalTo("invalid_client"))
                    .header("WWW-Authenticate", equalTo("Basic realm=\"/" + env + "/as/" + endpoint + "\""));
        }
        // Errors that are not about client authentication carry no challenge.
        Response grant = anonymous()
                .auth()
                .preemptive()
                .basic(worker.id(), worker.secret())
                .formParam("grant_type", "authorization_code")
                .formParam("code", "unknown")
                .post("/{env}/as/token", env);
        assertThat(grant.statusCode()).isEqualTo(400);
        assertThat(grant.getHeader("WWW-Authenticate")).isNull();
    }
}
