package io.latchkey.oauth;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.nimbusds.jwt.JWTClaimsSet;
import io.latchkey.applications.Application;
import io.latchkey.http.OAuthException;
import io.latchkey.resources.Resource;
import io.latchkey.users.User;
import io.latchkey.users.UserService;
import java.text.ParseException;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@code grant_type=urn:ietf:params:oauth:grant-type:token-exchange} (RFC 8693) as PingOne offers it: the client
 * presents an access token or ID token issued by this environment — a user's, or an application's own
 * (client_credentials) access token — and optionally an actor token of either kind, also from this environment, and
 * receives an access token for a custom resource, for the same user (or for no user), with scopes granted to the
 * exchanging application. Both tokens' claims reach the custom resource's attribute expressions
 * ({@code ${context.requestData.subjectToken.*}}, {@code actorToken.*}), which build {@code act} and the like; no
 * {@code act} claim is made otherwise. No ID token and no refresh token come with it. See
 * {@code docs/token-exchange.md} for what PingOne documents and what Latchkey decided where it does not.
 */
public final class TokenExchangeGrant {
    public static final String GRANT_TYPE = "urn:ietf:params:oauth:grant-type:token-exchange";
    static final String ACCESS_TOKEN = "urn:ietf:params:oauth:token-type:access_token";
    static final String ID_TOKEN = "urn:ietf:params:oauth:token-type:id_token";

    private final AccessTokenVerifier verifier;
    private final UserService users;
    private final ScopeResolver scopeResolver;
    private final TokenGenerator tokens;

    public TokenExchangeGrant(
            AccessTokenVerifier verifier, UserService users, ScopeResolver scopeResolver, TokenGenerator tokens) {
        this.verifier = verifier;
        this.users = users;
        this.scopeResolver = scopeResolver;
        this.tokens = tokens;
    }

    /** The request's parameters (RFC 8693 §2.1); each null when absent. */
    public record Request(
            String subjectToken,
            String subjectTokenType,
            String actorToken,
            String actorTokenType,
            String requestedTokenType,
            String scope,
            List<String> audiences,
            List<String> resources) {}

    public ObjectNode issue(Application app, Request r) {
        if (!app.grantTypes().contains("TOKEN_EXCHANGE")) {
            throw OAuthException.unauthorizedClient("The application is not allowed the token exchange grant.");
        }
        String env = app.environmentId();
        if (blank(r.subjectToken())) throw OAuthException.invalidRequest("Missing subject_token.");
        if (blank(r.subjectTokenType())) throw OAuthException.invalidRequest("Missing subject_token_type.");
        supportedType("subject_token_type", r.subjectTokenType());
        if (blank(r.actorToken()) != blank(r.actorTokenType())) {
            throw OAuthException.invalidRequest("actor_token and actor_token_type go together.");
        }
        if (!blank(r.actorTokenType())) supportedType("actor_token_type", r.actorTokenType());
        if (!blank(r.requestedTokenType()) && !r.requestedTokenType().equals(ACCESS_TOKEN)) {
            throw OAuthException.invalidRequest("requested_token_type can only be " + ACCESS_TOKEN + ".");
        }

        JWTClaimsSet subject = verified(env, r.subjectToken(), r.subjectTokenType())
                .orElseThrow(() -> OAuthException.invalidGrant(
                        "The subject_token is invalid, expired, revoked or not issued by this environment."));
        Map<String, Object> actor = null;
        if (!blank(r.actorToken())) {
            actor = verified(env, r.actorToken(), r.actorTokenType())
                    .orElseThrow(() -> OAuthException.invalidGrant(
                            "The actor_token is invalid, expired, revoked or not issued by this environment."))
                    .toJSONObject();
        }
        // An application's own token (client_credentials) names the application as both sub and client_id: PingOne's
        // machine-to-machine exchange, whose new token has no user. Any other subject must be a user who can sign on.
        User user = null;
        if (!isApplicationsOwn(subject)) {
            user = users.find(env, subject.getSubject())
                    .filter(User::enabled)
                    .orElseThrow(() -> OAuthException.invalidGrant(
                            "The subject_token's subject is not a user of this environment who can sign on."));
        }

        List<String> requested =
                blank(r.scope()) ? List.of() : List.of(r.scope().trim().split("\\s+"));
        ScopeResolver.Resolved resolved = scopeResolver.resolve(
                env, app.id(), requested, app.tokenSettings().multipleResourcesEnabled());
        if (resolved.openid()
                || resolved.granted().stream().anyMatch(g -> !g.resourceType().equals(Resource.CUSTOM))) {
            throw OAuthException.invalidScope("A token exchange issues an access token for a custom resource only.");
        }
        targets(r.audiences(), resolved);
        targets(r.resources(), resolved);

        TokenGrant grant = new TokenGrant(
                app,
                user,
                user == null ? null : signOn(subject),
                resolved,
                null,
                null,
                null,
                RequestedClaims.NONE,
                new TokenGrant.RequestData(GRANT_TYPE, r.scope(), subject.toJSONObject(), actor));
        ObjectNode body = tokens.respond(grant, TokenGenerator.Spend.NOTHING).orElseThrow();
        body.put("issued_token_type", ACCESS_TOKEN);
        return body;
    }

    private static void supportedType(String parameter, String type) {
        if (!type.equals(ACCESS_TOKEN) && !type.equals(ID_TOKEN)) {
            throw OAuthException.invalidRequest(
                    "Unsupported " + parameter + " '" + type + "': " + ACCESS_TOKEN + " or " + ID_TOKEN + ".");
        }
    }

    /**
     * The claims of {@code token} as a token of {@code type} issued by {@code env}: a live access token (key,
     * signature, issuer, expiry, revocation), or an unexpired ID token (key, signature, issuer); empty otherwise.
     * An access token carries {@code client_id} and an ID token does not, so one cannot pass for the other.
     */
    private Optional<JWTClaimsSet> verified(String env, String token, String type) {
        Optional<JWTClaimsSet> claims = type.equals(ACCESS_TOKEN)
                ? verifier.verify(env, token).filter(c -> c.getClaim("client_id") != null)
                : verifier.verifySignature(env, token)
                        .filter(c -> c.getClaim("client_id") == null)
                        .filter(c -> c.getExpirationTime() != null
                                && c.getExpirationTime().after(new Date()));
        return claims.filter(c -> c.getSubject() != null);
    }

    /** An access token an application got for itself: its subject is its client. */
    private static boolean isApplicationsOwn(JWTClaimsSet c) {
        return c.getSubject().equals(c.getClaim("client_id"));
    }

    /** Each {@code audience} or {@code resource} given must be the audience of the token the scopes decide. */
    private static void targets(List<String> given, ScopeResolver.Resolved resolved) {
        if (given == null) return;
        for (String target : given) {
            if (!resolved.audiences().contains(target)) {
                throw new OAuthException(
                        400,
                        "invalid_target",
                        "'" + target + "' is not the audience of the custom resource the requested scopes belong to.");
            }
        }
    }

    /** How the user signed on, as the subject token says; null when it does not say when. */
    private static TokenGrant.SignOn signOn(JWTClaimsSet c) {
        try {
            Date authTime = c.getDateClaim("auth_time");
            if (authTime == null) return null;
            List<String> amr = c.getStringListClaim("amr");
            return new TokenGrant.SignOn(
                    c.getStringClaim("sid"),
                    authTime.getTime(),
                    c.getStringClaim("acr"),
                    amr == null ? List.of() : amr);
        } catch (ParseException e) {
            return null;
        }
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }
}
