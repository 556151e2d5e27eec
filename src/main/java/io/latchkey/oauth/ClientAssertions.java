package io.latchkey.oauth;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.jwk.AsymmetricJWK;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.oauth2.sdk.auth.ClientAuthentication;
import com.nimbusds.oauth2.sdk.auth.ClientAuthenticationMethod;
import com.nimbusds.oauth2.sdk.auth.Secret;
import com.nimbusds.oauth2.sdk.auth.verifier.ClientAuthenticationVerifier;
import com.nimbusds.oauth2.sdk.auth.verifier.ClientCredentialsSelector;
import com.nimbusds.oauth2.sdk.auth.verifier.Context;
import com.nimbusds.oauth2.sdk.auth.verifier.ExpendedJTIChecker;
import com.nimbusds.oauth2.sdk.auth.verifier.InvalidClientException;
import com.nimbusds.oauth2.sdk.id.Audience;
import com.nimbusds.oauth2.sdk.id.ClientID;
import com.nimbusds.oauth2.sdk.id.JWTID;
import io.latchkey.applications.Application;
import io.latchkey.applications.ApplicationSecretService;
import io.latchkey.crypto.Secrets;
import io.latchkey.http.Links;
import io.latchkey.http.OAuthException;
import io.latchkey.storage.Database;
import java.security.PublicKey;
import java.text.ParseException;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Set;

/**
 * {@code client_secret_jwt} and {@code private_key_jwt} (RFC 7523): Nimbus checks the assertion's signature, issuer,
 * subject, audience (our issuer or endpoint URLs) and expiry; each assertion id may be used once (kept in the
 * database, so the check holds across processes). The keys of {@code private_key_jwt} are the application's {@code jwks},
 * or those its {@code jwksUrl} serves ({@link ClientJwks}).
 */
final class ClientAssertions {
    private final ApplicationSecretService secrets;
    private final Database db;
    private final Links links;
    private final ClientJwks remoteKeys = new ClientJwks();

    ClientAssertions(ApplicationSecretService secrets, Database db, Links links) {
        this.secrets = secrets;
        this.db = db;
        this.links = links;
    }

    /** Verifies the assertion of {@code app}; false when it does not hold. */
    boolean verify(Application app, ClientAuthentication auth) {
        String issuer = links.issuer(app.environmentId());
        Set<Audience> audiences = Set.of(
                new Audience(issuer),
                new Audience(issuer + "/token"),
                new Audience(issuer + "/par"),
                new Audience(issuer + "/introspect"),
                new Audience(issuer + "/revoke"));
        ClientAuthenticationVerifier<Application> verifier =
                new ClientAuthenticationVerifier<>(selector(app), audiences, replayCheck());
        Context<Application> context = new Context<>();
        context.set(app);
        try {
            verifier.verify(auth, null, context);
            return true;
        } catch (InvalidClientException | JOSEException e) {
            return false;
        }
    }

    private ClientCredentialsSelector<Application> selector(Application app) {
        return new ClientCredentialsSelector<>() {
            @Override
            public List<Secret> selectClientSecrets(
                    ClientID id, ClientAuthenticationMethod method, Context<Application> c)
                    throws InvalidClientException {
                if (!ClientAuthenticationMethod.CLIENT_SECRET_JWT.equals(method)
                        || !id.getValue().equals(app.id())) {
                    throw InvalidClientException.BAD_ID;
                }
                return secretsOf(app);
            }

            @Override
            public List<? extends PublicKey> selectPublicKeys(
                    ClientID id,
                    ClientAuthenticationMethod method,
                    JWSHeader header,
                    boolean forceRefresh,
                    Context<Application> c)
                    throws InvalidClientException {
                if (!ClientAuthenticationMethod.PRIVATE_KEY_JWT.equals(method)
                        || !id.getValue().equals(app.id())) {
                    throw InvalidClientException.BAD_ID;
                }
                return publicKeys(app, header);
            }
        };
    }

    /** The application's secret and, while it may still be used, its previous one (for HMAC-signed JWTs). */
    List<Secret> secretsOf(Application app) {
        ApplicationSecretService.Secret s = secrets.read(app.environmentId(), app.id());
        List<Secret> out = new ArrayList<>();
        out.add(new Secret(s.secret()));
        if (s.previous() != null) out.add(new Secret(s.previous()));
        return out;
    }

    /** The application's public keys that may have signed a JWS with {@code header}: its jwks, or its jwksUrl's. */
    List<PublicKey> publicKeys(Application app, JWSHeader header) throws InvalidClientException {
        String jwksUrl = app.doc().path("jwksUrl").asText(null);
        if (jwksUrl != null) {
            List<PublicKey> keys = new ArrayList<>();
            for (JWK k : remoteKeys.keys(jwksUrl, header)) {
                try {
                    if (k instanceof AsymmetricJWK a) keys.add(a.toPublicKey());
                } catch (JOSEException e) {
                    // a key that is not one: skipped, like the ones of another type
                }
            }
            return keys;
        }
        String jwks = app.doc().path("jwks").asText(null);
        if (jwks == null) throw new InvalidClientException("The application has no registered jwks");
        try {
            List<PublicKey> keys = new ArrayList<>();
            for (JWK k : JWKSet.parse(jwks).getKeys()) {
                if (header.getKeyID() != null && !header.getKeyID().equals(k.getKeyID())) continue;
                if (k instanceof AsymmetricJWK a) keys.add(a.toPublicKey());
            }
            return keys;
        } catch (ParseException | JOSEException e) {
            throw new InvalidClientException("The application's jwks cannot be read");
        }
    }

    private ExpendedJTIChecker<Application> replayCheck() {
        return new ExpendedJTIChecker<>() {
            @Override
            public boolean isExpended(JWTID jti, ClientID id, ClientAuthenticationMethod m, Context<Application> c) {
                return db.withHandle(h ->
                        h.createQuery("select count(*) from used_client_assertions where jti_hash = :h")
                                        .bind("h", Secrets.hash(id.getValue() + ":" + jti.getValue()))
                                        .mapTo(Long.class)
                                        .one()
                                > 0);
            }

            /** Two requests with one assertion at once: the second insert finds the row and is refused as a replay. */
            @Override
            public void markExpended(
                    JWTID jti, Date exp, ClientID id, ClientAuthenticationMethod m, Context<Application> c) {
                int inserted = db.withHandle(h -> h.createUpdate("""
                        insert into used_client_assertions (jti_hash, environment_id, expires_at) values (:h, :env, :exp)
                        on conflict do nothing""")
                        .bind("h", Secrets.hash(id.getValue() + ":" + jti.getValue()))
                        .bind("env", c.get().environmentId())
                        .bind("exp", exp == null ? System.currentTimeMillis() + 3600_000L : exp.getTime())
                        .execute());
                if (inserted == 0) throw OAuthException.invalidClient("The client assertion was already used.");
            }
        };
    }
}
