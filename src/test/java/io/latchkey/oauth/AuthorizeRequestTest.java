package io.latchkey.oauth;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.nimbusds.oauth2.sdk.ResponseType;
import com.nimbusds.oauth2.sdk.pkce.CodeChallengeMethod;
import io.latchkey.http.Json;
import io.latchkey.resourcegrants.GrantedScope;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The stored form of an authorization request (with a flow, with a code). During an upgrade, processes of two versions
 * serve one database, so each must read what the other wrote.
 */
class AuthorizeRequestTest {
    private static final List<String> SCOPES = List.of("openid", "profile", "read");
    private static final ScopeResolver.Resolved GRANTED = new ScopeResolver.Resolved(
            SCOPES,
            List.of(
                    new GrantedScope(
                            "r-oidc", "openid", "OPENID_CONNECT", "https://auth.example", 3600, "s-1", "profile"),
                    new GrantedScope("r-api", "API", "CUSTOM", "https://api.example", 900, "s-2", "read")),
            List.of("https://api.example"),
            true);
    private static final AuthorizeRequest FULL = new AuthorizeRequest(
            "client",
            "https://app.example/cb",
            ResponseType.CODE_IDTOKEN,
            ResponseMode.FORM_POST,
            "st",
            SCOPES,
            GRANTED,
            "n-1",
            Set.of(AuthorizeRequest.Prompt.LOGIN, AuthorizeRequest.Prompt.CONSENT),
            300L,
            "ada",
            List.of("Multi_Factor", "Single_Factor"),
            new RequestedClaims(Set.of("email"), Set.of("name", "phone_number"), false),
            new AuthorizeRequest.Pkce("challenge", CodeChallengeMethod.S256));

    @Test
    void aStoredRequestReadsBackTheSame() {
        assertThat(AuthorizeRequest.fromJson(FULL.toJson())).isEqualTo(FULL);
        List<String> openid = List.of("openid");
        AuthorizeRequest bare = new AuthorizeRequest(
                "client",
                "https://app.example/cb",
                ResponseType.CODE,
                ResponseMode.QUERY,
                null,
                openid,
                new ScopeResolver.Resolved(openid, List.of(), List.of("openid"), true),
                null,
                Set.of(),
                null,
                null,
                List.of(),
                RequestedClaims.NONE,
                null);
        assertThat(AuthorizeRequest.fromJson(bare.toJson())).isEqualTo(bare);
    }

    @Test
    void aRequestStoredByTheStringKeyedVersionIsReadWithoutTheGrantedScopes() {
        String earlier = """
                {"clientId":"client","redirectUri":"https://app.example/cb","responseType":"code","responseMode":"form_post",
                 "scopes":["openid","profile","read"],"state":"st","nonce":"n-1","prompt":"login consent","maxAge":300,
                 "loginHint":"ada","codeChallenge":"challenge","codeChallengeMethod":"S256"}""";

        AuthorizeRequest read = AuthorizeRequest.fromJson(earlier);
        assertThat(read.grantedScopes())
                .as("decided at the token endpoint, as that version did")
                .isNull();
        assertThat(read.acrValues()).as("that version kept none").isEmpty();
        assertThat(read.responseType()).isEqualTo(ResponseType.CODE);
        assertThat(read.requestedClaims()).isEqualTo(RequestedClaims.NONE);
        assertThat(read)
                .usingRecursiveComparison()
                .ignoringFields("grantedScopes", "acrValues", "responseType", "requestedClaims")
                .isEqualTo(FULL);
    }

    @Test
    void aStoredRequestKeepsTheKeysTheStringKeyedVersionReads() {
        JsonNode stored = Json.parse(FULL.toJson());

        assertThat(stored.path("redirectUri").asText()).isEqualTo("https://app.example/cb");
        assertThat(stored.path("responseMode").asText()).isEqualTo("form_post");
        assertThat(stored.path("scopes").get(2).asText()).isEqualTo("read");
        assertThat(stored.path("state").asText()).isEqualTo("st");
        assertThat(stored.path("nonce").asText()).isEqualTo("n-1");
        assertThat(stored.path("prompt").asText()).contains("login");
        assertThat(stored.path("maxAge").asLong()).isEqualTo(300);
        assertThat(stored.path("codeChallenge").asText()).isEqualTo("challenge");
        assertThat(stored.path("codeChallengeMethod").asText()).isEqualTo("S256");
        assertThat(stored.path("accessTokenLifetimeSeconds").asLong())
                .as("the previous version takes the lifetime from here: the shortest of the custom resources'")
                .isEqualTo(900);
    }
}
