package io.latchkey.applications;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.latchkey.http.Json;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The defaults a new application is given and the ones its settings are read with are the same constants. */
class TokenSettingsTest {

    @Test
    void anApplicationCreatedWithoutTokenSettingsHasTheDefaultsOfOneStoredWithout() {
        ObjectNode minimal = Json.object()
                .put("name", "app")
                .put("protocol", "OPENID_CONNECT")
                .put("type", "WEB_APP")
                .put("tokenEndpointAuthMethod", "NONE");
        ObjectNode created = ApplicationShape.OIDC.read(minimal);

        assertThat(TokenSettings.from(created)).isEqualTo(TokenSettings.from(Json.object()));
    }

    @Test
    void settingsAreReadFromTheApplicationDocument() {
        ObjectNode doc = Json.object()
                .put("tokenEndpointAuthMethod", "PRIVATE_KEY_JWT")
                .put("pkceEnforcement", "S256_REQUIRED")
                .put("requestScopesForMultipleResourcesEnabled", true)
                .put("refreshTokenDuration", 120)
                .put("refreshTokenRollingDuration", 600)
                .put("refreshTokenRollingGracePeriodDuration", 30)
                .put("additionalRefreshTokenReplayProtectionEnabled", false)
                .put("requireSignedRequestObject", true)
                .put("parRequirement", "REQUIRED")
                .put("parTimeout", 5);

        assertThat(TokenSettings.from(doc))
                .isEqualTo(new TokenSettings(
                        TokenSettings.TokenEndpointAuthMethod.PRIVATE_KEY_JWT,
                        TokenSettings.PkceEnforcement.S256_REQUIRED,
                        true,
                        Duration.ofSeconds(120),
                        Duration.ofSeconds(600),
                        Duration.ofSeconds(30),
                        false,
                        true,
                        false,
                        true,
                        Duration.ofSeconds(5)));
    }

    @Test
    void withoutARollingDurationARefreshTokenFamilyHasNoLimit() {
        assertThat(TokenSettings.from(Json.object()).refreshTokenRollingDuration())
                .isNull();
    }
}
