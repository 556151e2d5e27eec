package io.latchkey.oauth;

import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.not;

import io.latchkey.testkit.Fixtures;
import io.latchkey.testkit.TestServer;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** {@code /{envId}/as/.well-known/openid-configuration} and {@code /{envId}/as/jwks}. */
class DiscoveryTest {
    /** One environment for the whole class: the tests only read it. */
    private static String env;

    private static TestServer server() {
        return TestServer.shared();
    }

    @BeforeAll
    static void createEnvironment() {
        env = Fixtures.environment(server().admin());
    }

    @Test
    void theIssuerIsTheBaseUrlTheEnvironmentAndAs() {
        String issuer = server().baseUrl() + "/" + env + "/as";
        server().anonymous()
                .request()
                .get("/" + env + "/as/.well-known/openid-configuration")
                .then()
                .statusCode(200)
                .contentType("application/json")
                .body("issuer", equalTo(issuer))
                .body("token_endpoint", equalTo(issuer + "/token"))
                .body("pushed_authorization_request_endpoint", equalTo(issuer + "/par"))
                .body("require_pushed_authorization_requests", equalTo(false))
                .body("jwks_uri", equalTo(issuer + "/jwks"))
                .body("authorization_endpoint", equalTo(issuer + "/authorize"))
                .body("grant_types_supported", hasItem("client_credentials"))
                .body("token_endpoint_auth_methods_supported", hasItems("client_secret_basic", "client_secret_post"))
                .body("id_token_signing_alg_values_supported", hasItem("RS256"))
                .body("scopes_supported", hasItems("openid", "profile", "email", "address", "phone"))
                .body("request_parameter_supported", equalTo(true))
                .body("request_object_signing_alg_values_supported", hasItems("RS256", "ES256", "HS256", "none"))
                // Only what works is advertised: request objects by reference are not fetched.
                .body("request_uri_parameter_supported", equalTo(false));
    }

    @Test
    void theJwksPublishesOnlyPublicKeyMaterial() {
        server().anonymous()
                .request()
                .get("/" + env + "/as/jwks")
                .then()
                .statusCode(200)
                .contentType("application/json")
                .body("keys", hasSize(1))
                .body("keys[0]", hasKey("n"))
                .body("keys[0]", hasKey("e"))
                .body("keys", everyItem(not(hasKey("d"))))
                .body("keys", everyItem(not(hasKey("p"))))
                .body("keys", everyItem(not(hasKey("q"))))
                .body("keys", everyItem(not(hasKey("dp"))))
                .body("keys", everyItem(not(hasKey("qi"))));
    }

    @Test
    void anUnknownEnvironmentHasNeitherDiscoveryNorJwks() {
        String unknown = UUID.randomUUID().toString();
        server().anonymous()
                .request()
                .get("/" + unknown + "/as/.well-known/openid-configuration")
                .then()
                .statusCode(404);
        server().anonymous().request().get("/" + unknown + "/as/jwks").then().statusCode(404);
    }
}
