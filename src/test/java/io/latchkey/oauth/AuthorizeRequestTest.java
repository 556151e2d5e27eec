package io.latchkey.oauth;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.nimbusds.oauth2.sdk.pkce.CodeChallengeMethod;
import io.latchkey.http.Json;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The stored form of an authorization request (with a flow, with a code). During an upgrade, processes of two versions
 * serve one database, so each must read what the other wrote.
 */
class AuthorizeRequestTest {
    private static final AuthorizeRequest FULL = new AuthorizeRequest("client", "https://app.example/cb", ResponseMode.FORM_POST,
            "st", List.of("openid", "profile"), "n-1", Set.of(AuthorizeRequest.Prompt.LOGIN, AuthorizeRequest.Prompt.CONSENT),
            300L, "ada", new AuthorizeRequest.Pkce("challenge", CodeChallengeMethod.S256));

    @Test
    void aStoredRequestReadsBackTheSame() {
        assertThat(AuthorizeRequest.fromJson(FULL.toJson())).isEqualTo(FULL);
        AuthorizeRequest bare = new AuthorizeRequest("client", "https://app.example/cb", ResponseMode.QUERY, null,
                List.of("openid"), null, Set.of(), null, null, null);
        assertThat(AuthorizeRequest.fromJson(bare.toJson())).isEqualTo(bare);
    }

    @Test
    void aRequestStoredByTheStringKeyedVersionIsRead() {
        String earlier = """
                {"clientId":"client","redirectUri":"https://app.example/cb","responseType":"code","responseMode":"form_post",
                 "scopes":["openid","profile"],"state":"st","nonce":"n-1","prompt":"login consent","maxAge":300,
                 "loginHint":"ada","codeChallenge":"challenge","codeChallengeMethod":"S256"}""";

        assertThat(AuthorizeRequest.fromJson(earlier)).isEqualTo(FULL);
    }

    @Test
    void aStoredRequestKeepsTheKeysTheStringKeyedVersionReads() {
        JsonNode stored = Json.parse(FULL.toJson());

        assertThat(stored.path("redirectUri").asText()).isEqualTo("https://app.example/cb");
        assertThat(stored.path("responseMode").asText()).isEqualTo("form_post");
        assertThat(stored.path("scopes").get(1).asText()).isEqualTo("profile");
        assertThat(stored.path("state").asText()).isEqualTo("st");
        assertThat(stored.path("nonce").asText()).isEqualTo("n-1");
        assertThat(stored.path("prompt").asText()).contains("login");
        assertThat(stored.path("maxAge").asLong()).isEqualTo(300);
        assertThat(stored.path("codeChallenge").asText()).isEqualTo("challenge");
        assertThat(stored.path("codeChallengeMethod").asText()).isEqualTo("S256");
    }
}
