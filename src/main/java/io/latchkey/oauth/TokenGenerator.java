package io.latchkey.oauth;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.oauth2.sdk.AuthorizationCode;
import com.nimbusds.oauth2.sdk.token.BearerAccessToken;
import com.nimbusds.openid.connect.sdk.claims.AccessTokenHash;
import com.nimbusds.openid.connect.sdk.claims.CodeHash;
import io.latchkey.claims.ReservedClaimNames;
import io.latchkey.environments.Organization;
import io.latchkey.http.Json;
import io.latchkey.http.Links;
import io.latchkey.keys.SigningKey;
import io.latchkey.resources.BuiltInResources;
import io.latchkey.storage.Database;
import io.latchkey.storage.Ids;
import io.latchkey.users.User;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import org.jdbi.v3.core.Handle;

/**
 * The one place tokens are made, for every grant: the access token, the ID token when {@code openid} was granted to
 * a user, the refresh token when the application has the REFRESH_TOKEN grant (and the tokens belong to a grant's
 * family), and the token response that carries them. Each token gets its core claims here and the rest from the
 * {@link ClaimContributor}s, in their order; its lifetime comes from {@link TokenLifetimes}. The userinfo answer is
 * made here too, from the same contributors.
 *
 * <p>A grant is one transaction: the tokens are signed first (nothing is written yet), then what the grant consumes
 * is spent, the access token recorded in its grant's family and the refresh token stored, and all of it committed at
 * once. A crash or a refusal before the commit leaves the code or refresh token as it was.
 */
public final class TokenGenerator {
    private final Database db;
    private final TokenSigner signer;
    private final Links links;
    private final Organization organization;
    private final TokenLifetimes lifetimes;
    private final RefreshTokens refreshTokens;
    private final TokenRevocations revocations;
    private final List<ClaimContributor> contributors;

    /**
     * @param contributors the claims beyond the sign-on's and the standard ones (which come first): the permissions and
     *                     attributes of resources
     */
    public TokenGenerator(
            Database db,
            TokenSigner signer,
            Links links,
            Organization organization,
            TokenLifetimes lifetimes,
            RefreshTokens refreshTokens,
            TokenRevocations revocations,
            List<ClaimContributor> contributors) {
        this(
                db,
                signer,
                links,
                organization,
                lifetimes,
                refreshTokens,
                revocations,
                new StandardClaims(),
                contributors);
    }

    /**
     * @param userClaims   the user's claims in ID tokens and userinfo, right after the sign-on's: the application's
     *                     attribute mappings (which release the standard claims as {@link StandardClaims} does unless
     *                     re-mapped)
     * @param contributors the claims beyond those: the permissions and attributes of resources
     */
    public TokenGenerator(
            Database db,
            TokenSigner signer,
            Links links,
            Organization organization,
            TokenLifetimes lifetimes,
            RefreshTokens refreshTokens,
            TokenRevocations revocations,
            ClaimContributor userClaims,
            List<ClaimContributor> contributors) {
        this.db = db;
        this.signer = signer;
        this.links = links;
        this.organization = organization;
        this.lifetimes = lifetimes;
        this.refreshTokens = refreshTokens;
        this.revocations = revocations;
        this.contributors = new ArrayList<>(List.of(new SignOnClaims(), userClaims));
        this.contributors.addAll(contributors);
    }

    /** Spends what a grant consumes (its code, its refresh token) inside the transaction that records the tokens. */
    @FunctionalInterface
    public interface Spend {
        /** Nothing to spend: an application's own token, a refresh token reused within its grace period. */
        Spend NOTHING = h -> true;

        /** False when it had been spent already (by a concurrent request, or a replay): nothing is written then. */
        boolean spend(Handle h);
    }

    /**
     * The token response for {@code grant}, with {@code spend} and the new tokens committed in one transaction; empty
     * when {@code spend} found it spent already (nothing was written).
     */
    public Optional<ObjectNode> respond(TokenGrant grant, Spend spend) {
        AccessToken access = accessToken(grant);
        ObjectNode body = Json.object();
        body.put("access_token", access.token());
        body.put("token_type", "Bearer");
        body.put("expires_in", access.lifetimeSeconds());
        if (!grant.scopes().scopes().isEmpty())
            body.put("scope", String.join(" ", grant.scopes().scopes()));
        if (grant.forUser() && grant.scopes().openid()) body.put("id_token", idToken(grant, access.token(), null));
        // An application's own token belongs to no grant family and spends nothing: there is nothing to write.
        if (!grant.forUser() && spend == Spend.NOTHING) return Optional.of(body);
        return written(grant, access, spend, body);
    }

    /**
     * The tokens of an authorization response (implicit and hybrid flows, OIDC Core 3.2, 3.3): an access token when
     * {@code accessToken}, an ID token when {@code idToken} (with {@code c_hash} of {@code code} when the response
     * carries one, and {@code at_hash}). Never a refresh token. The access token is recorded in the grant's family,
     * the code's in a hybrid flow, so that a replay of that code revokes it too.
     */
    public Map<String, String> authorizationResponse(
            TokenGrant grant, String code, boolean accessToken, boolean idToken) {
        Map<String, String> params = new LinkedHashMap<>();
        AccessToken access = null;
        if (accessToken) {
            access = accessToken(grant);
            AccessToken recorded = access;
            db.useTransaction(h -> revocations.recordAccessToken(
                    h,
                    grant.environmentId(),
                    recorded.jti(),
                    grant.grantId(),
                    recorded.expiresAt(),
                    grant.requestedClaims().userinfo()));
            params.put("access_token", access.token());
            params.put("token_type", "Bearer");
            params.put("expires_in", Long.toString(access.lifetimeSeconds()));
            params.put("scope", String.join(" ", grant.scopes().scopes()));
        }
        if (idToken) params.put("id_token", idToken(grant, access == null ? null : access.token(), code));
        return params;
    }

    /**
     * The userinfo answer (OIDC Core §5.3.2) for {@code user}, whose access token, issued to {@code applicationId},
     * carries {@code scopes} and was issued with {@code requested} claims (the claims parameter's userinfo member).
     */
    public ObjectNode userinfo(String env, String applicationId, User user, Set<String> scopes, Set<String> requested) {
        Map<String, Object> claims = new LinkedHashMap<>();
        claims.put("sub", user.id());
        for (ClaimContributor c : contributors)
            merge(c, claims, m -> c.userinfo(env, applicationId, user, scopes, requested, m));
        return Json.MAPPER.valueToTree(claims);
    }

    private Optional<ObjectNode> written(TokenGrant grant, AccessToken access, Spend spend, ObjectNode body) {
        String env = grant.environmentId();
        // A refresh token belongs to a grant's family; tokens of no family (a token exchange's) are not refreshed.
        boolean refreshable = grant.forUser()
                && grant.grantId() != null
                && grant.app().grantTypes().contains("REFRESH_TOKEN");
        Optional<String> refresh = db.inTransaction(h -> {
            if (!spend.spend(h)) return null;
            revocations.recordIssued(h, grant);
            if (grant.grantId() != null) {
                revocations.recordAccessToken(
                        h,
                        env,
                        access.jti(),
                        grant.grantId(),
                        access.expiresAt(),
                        grant.requestedClaims().userinfo());
            }
            return Optional.ofNullable(refreshable ? refreshToken(h, grant) : null);
        });
        if (refresh == null) return Optional.empty();
        refresh.ifPresent(token -> body.put("refresh_token", token));
        return Optional.of(body);
    }

    private record AccessToken(String token, String jti, long lifetimeSeconds, long expiresAt) {}

    private AccessToken accessToken(TokenGrant g) {
        String env = g.environmentId();
        long now = System.currentTimeMillis() / 1000;
        long lifetime = lifetimes.accessTokenSeconds(g);
        String jti = Ids.newId();
        Map<String, Object> claims = new LinkedHashMap<>();
        claims.put("client_id", g.app().id());
        claims.put("iss", links.issuer(env));
        claims.put("jti", jti);
        claims.put("iat", now);
        claims.put("exp", now + lifetime);
        claims.put("aud", audiences(g));
        if (!g.scopes().scopes().isEmpty())
            claims.put("scope", String.join(" ", g.scopes().scopes()));
        // An application's own token names the application; a token exchanged from one names no subject (PingOne's
        // machine-to-machine exchange) unless the resource's sub mapping gives it one.
        if (g.forUser()) claims.put("sub", g.user().id());
        else if (!TokenExchangeGrant.GRANT_TYPE.equals(grantType(g)))
            claims.put("sub", g.app().id());
        claims.put("env", env);
        claims.put("org", organization.id());
        for (ClaimContributor c : contributors) merge(c, claims, m -> c.accessToken(g, m));
        return new AccessToken(signer.sign(accessTokenKey(g), claims, null), jti, lifetime, (now + lifetime) * 1000);
    }

    /**
     * PingOne: an application's key rotation policy signs its access tokens, except those for the PingOne API
     * (its audience among theirs), which the environment's default key signs as before. Latchkey's management API
     * accepts a token of any key of the environment, so this is PingOne's choice kept, not a need.
     */
    private SigningKey accessTokenKey(TokenGrant g) {
        if (g.app().keyRotationPolicyId().isEmpty() || audiences(g).contains(BuiltInResources.PINGONE_API_AUDIENCE))
            return signer.key(g.environmentId());
        return signer.key(g.app());
    }

    /**
     * The access token's audiences: those of its scopes' resources, and the PingOne API's for a user's token from a
     * WORKER application, which PingOne's management API accepts with the user's roles (as a worker's own token
     * carries the worker's).
     */
    private static List<String> audiences(TokenGrant g) {
        List<String> audiences = g.scopes().audiences();
        if (!g.forUser()
                || !g.app().type().equals("WORKER")
                || audiences.contains(BuiltInResources.PINGONE_API_AUDIENCE)) return audiences;
        List<String> withApi = new ArrayList<>(audiences);
        withApi.add(BuiltInResources.PINGONE_API_AUDIENCE);
        return List.copyOf(withApi);
    }

    /** {@code accessToken} and {@code code}: those issued beside it, hashed into it; null when none. */
    private String idToken(TokenGrant g, String accessToken, String code) {
        String env = g.environmentId();
        long now = System.currentTimeMillis() / 1000;
        Map<String, Object> claims = new LinkedHashMap<>();
        claims.put("iss", links.issuer(env));
        claims.put("sub", g.user().id());
        claims.put("aud", g.app().id());
        claims.put("iat", now);
        claims.put("exp", now + lifetimes.idTokenSeconds(g));
        claims.put("jti", Ids.newId());
        claims.put("env", env);
        claims.put("org", organization.id());
        // The hashes' length follows the algorithm of the key that signs the token: take that key once.
        SigningKey key = signer.key(g.app());
        if (accessToken != null) {
            claims.put(
                    "at_hash",
                    AccessTokenHash.compute(new BearerAccessToken(accessToken), key.algorithm())
                            .getValue());
        }
        if (code != null)
            claims.put(
                    "c_hash",
                    CodeHash.compute(new AuthorizationCode(code), key.algorithm())
                            .getValue());
        if (g.nonce() != null) claims.put("nonce", g.nonce());
        for (ClaimContributor c : contributors) merge(c, claims, m -> c.idToken(g, m));
        return signer.sign(key, claims, JOSEObjectType.JWT);
    }

    private String refreshToken(Handle h, TokenGrant g) {
        long now = System.currentTimeMillis();
        TokenLifetimes.RefreshExpiry expiry =
                TokenLifetimes.refreshToken(g.app().tokenSettings(), g, now);
        TokenGrant.SignOn s = g.signOn();
        return refreshTokens.issue(
                h,
                new RefreshTokens.Row(
                        g.environmentId(),
                        g.app().id(),
                        g.grantId(),
                        g.user().id(),
                        s.sessionId(),
                        g.scopes().scopes(),
                        s.authTime(),
                        s.acr(),
                        s.amr(),
                        now,
                        expiry.expiresAt(),
                        expiry.familyExpiresAt(),
                        null,
                        null,
                        g.requestedClaims()));
    }

    private static String grantType(TokenGrant g) {
        return g.request() == null ? null : g.request().grantType();
    }

    /**
     * Adds what {@code c} contributes that is not there yet; reserved names only from the token's own parts, and
     * {@code sub} replaced only by a contributor that maps it ({@link ClaimContributor#replacesSubject}).
     */
    private static void merge(
            ClaimContributor c, Map<String, Object> claims, Consumer<Map<String, Object>> contribution) {
        Map<String, Object> added = new LinkedHashMap<>();
        contribution.accept(added);
        added.forEach((name, value) -> {
            if (name.equals("sub") && c.replacesSubject()) claims.put(name, value);
            else if (!ReservedClaimNames.isReserved(name)
                    || c.reservedNamesItSets().contains(name)) claims.putIfAbsent(name, value);
        });
    }
}
