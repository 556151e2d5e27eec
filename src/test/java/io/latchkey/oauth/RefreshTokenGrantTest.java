package io.latchkey.oauth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;

import io.restassured.response.Response;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** {@code grant_type=refresh_token} at {@code /as/token}: rotation, replay, refusals. */
class RefreshTokenGrantTest extends CodeFlowTestBase {
    @Test
    void refreshTokensRotateAndAReplayRevokesTheFamily() {
        Response first = exchange(code(client, app.id()));
        String refresh1 = first.path("refresh_token");
        Response second =
                client.token(Map.of("grant_type", "refresh_token", "refresh_token", refresh1), app.id(), app.secret());
        second.then().statusCode(200).body("refresh_token", notNullValue());
        String refresh2 = second.path("refresh_token");
        assertThat(refresh2).isNotEqualTo(refresh1);
        client.token(Map.of("grant_type", "refresh_token", "refresh_token", refresh1), app.id(), app.secret())
                .then()
                .statusCode(400)
                .body("error", equalTo("invalid_grant"));
        client.token(Map.of("grant_type", "refresh_token", "refresh_token", refresh2), app.id(), app.secret())
                .then()
                .statusCode(400)
                .body("error", equalTo("invalid_grant"));
        introspect(second.path("access_token")).then().body("active", equalTo(false));
    }

    @Test
    void aRefusedRefreshLeavesTheRefreshTokenUsable() {
        Response first = exchange(code(client, app.id()));
        String refresh = first.path("refresh_token");
        client.token(
                        Map.of("grant_type", "refresh_token", "refresh_token", refresh, "scope", "openid address"),
                        app.id(),
                        app.secret())
                .then()
                .statusCode(400)
                .body("error", equalTo("invalid_scope"));
        client.token(Map.of("grant_type", "refresh_token", "refresh_token", refresh), app.id(), app.secret())
                .then()
                .statusCode(200)
                .body("refresh_token", notNullValue());
        introspect(first.path("access_token")).then().body("active", equalTo(true));
    }
}
