package io.latchkey.oauth;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSVerifier;
import com.nimbusds.jose.crypto.MACVerifier;
import com.nimbusds.jose.crypto.factories.DefaultJWSVerifierFactory;
import com.nimbusds.jwt.EncryptedJWT;
import com.nimbusds.jwt.JWT;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.JWTParser;
import com.nimbusds.jwt.PlainJWT;
import com.nimbusds.jwt.SignedJWT;
import com.nimbusds.oauth2.sdk.auth.Secret;
import com.nimbusds.oauth2.sdk.auth.verifier.InvalidClientException;
import io.latchkey.applications.Application;
import io.latchkey.http.Json;
import io.latchkey.http.Links;
import io.latchkey.http.OAuthException;
import java.security.Key;
import java.text.ParseException;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Request objects (OIDC Core 6.1): the {@code request} parameter of an authorization request, a JWT whose claims are
 * the request's parameters. Signed with the client's keys ({@code jwks}/{@code jwksUrl}: RS, PS and ES algorithms) or
 * with its secret (HS algorithms); unsigned ({@code alg: none}) only when the application's
 * {@code supportUnsignedRequestObject} is set, never when its {@code requireSignedRequestObject} is. Its values win
 * over the query's (6.3.3). {@code iss}, when present, must be the client; {@code aud}, when present, must name the
 * issuer; {@code client_id} and {@code response_type}, when present, must be those of the query. Encrypted objects
 * are refused.
 */
final class RequestObjects {
    /** What a signed request object may be signed with (discovery lists these and {@code none}). */
    static final List<JWSAlgorithm> ALGORITHMS = List.of(
            JWSAlgorithm.RS256,
            JWSAlgorithm.RS384,
            JWSAlgorithm.RS512,
            JWSAlgorithm.PS256,
            JWSAlgorithm.PS384,
            JWSAlgorithm.PS512,
            JWSAlgorithm.ES256,
            JWSAlgorithm.ES384,
            JWSAlgorithm.ES512,
            JWSAlgorithm.HS256,
            JWSAlgorithm.HS384,
            JWSAlgorithm.HS512);
    /** Claims about the JWT itself, not parameters of the request. */
    private static final Set<String> NOT_PARAMETERS = Set.of("iss", "aud", "exp", "iat", "nbf", "jti", "sub");

    private static final long CLOCK_SKEW_MS = 60_000;

    private final ClientAssertions keys;
    private final Links links;

    RequestObjects(ClientAssertions keys, Links links) {
        this.keys = keys;
        this.links = links;
    }

    /**
     * The parameters of the authorization request with those of its request object applied; {@code params} as they are
     * when there is none (and the application does not require one).
     *
     * @throws OAuthException {@code invalid_request_object} for an object that does not hold, {@code invalid_request}
     *                        when the application requires one and there is none
     */
    Map<String, List<String>> apply(Application app, Map<String, List<String>> params) {
        List<String> values = params.get("request");
        if (values == null || values.isEmpty()) {
            if (app.tokenSettings().requireSignedRequestObject()) {
                throw OAuthException.invalidRequest(
                        "The application requires a signed request object (the request parameter).");
            }
            return params;
        }
        JWTClaimsSet claims = verified(app, values.get(0));
        checkClaims(app, claims, params);
        Map<String, List<String>> merged = new LinkedHashMap<>(params);
        merged.remove("request");
        claims.getClaims().forEach((name, value) -> {
            if (!NOT_PARAMETERS.contains(name) && value != null) merged.put(name, List.of(parameter(value)));
        });
        return merged;
    }

    private JWTClaimsSet verified(Application app, String request) {
        JWT jwt;
        try {
            jwt = JWTParser.parse(request);
        } catch (ParseException e) {
            throw invalid("The request object is not a JWT.");
        }
        try {
            if (jwt instanceof EncryptedJWT) throw invalid("Encrypted request objects are not supported.");
            if (jwt instanceof PlainJWT plain) {
                if (!app.tokenSettings().supportUnsignedRequestObject()
                        || app.tokenSettings().requireSignedRequestObject()) {
                    throw invalid("The application does not accept unsigned request objects.");
                }
                return plain.getJWTClaimsSet();
            }
            SignedJWT signed = (SignedJWT) jwt;
            JWSAlgorithm alg = signed.getHeader().getAlgorithm();
            if (!ALGORITHMS.contains(alg)) throw invalid("Request objects signed with " + alg + " are not accepted.");
            if (!verifies(app, signed))
                throw invalid("The request object's signature does not verify with the application's keys.");
            return signed.getJWTClaimsSet();
        } catch (ParseException e) {
            throw invalid("The request object's claims cannot be read.");
        }
    }

    private boolean verifies(Application app, SignedJWT jwt) {
        try {
            if (JWSAlgorithm.Family.HMAC_SHA.contains(jwt.getHeader().getAlgorithm())) {
                if (!app.tokenSettings().tokenEndpointAuthMethod().keepsSecret()) return false;
                for (Secret s : keys.secretsOf(app)) {
                    if (s.getValueBytes().length * 8 >= 256 && jwt.verify(new MACVerifier(s.getValueBytes())))
                        return true;
                }
                return false;
            }
            for (Key key : keys.publicKeys(app, jwt.getHeader())) {
                JWSVerifier verifier = new DefaultJWSVerifierFactory().createJWSVerifier(jwt.getHeader(), key);
                if (jwt.verify(verifier)) return true;
            }
            return false;
        } catch (InvalidClientException | JOSEException e) {
            return false;
        } catch (OAuthException e) {
            // The keys at the application's jwksUrl could not be fetched: the object is what cannot be checked, not
            // the client's authentication (there is none at /as/authorize).
            throw invalid("The request object cannot be verified: " + e.description());
        }
    }

    private void checkClaims(Application app, JWTClaimsSet claims, Map<String, List<String>> params) {
        if (claims.getIssuer() != null && !claims.getIssuer().equals(app.id())) {
            throw invalid("The request object's iss must be the client_id.");
        }
        if (claims.getAudience() != null
                && !claims.getAudience().isEmpty()
                && !claims.getAudience().contains(links.issuer(app.environmentId()))) {
            throw invalid("The request object's aud must be the issuer.");
        }
        long now = System.currentTimeMillis();
        Date exp = claims.getExpirationTime();
        if (exp != null && exp.getTime() + CLOCK_SKEW_MS < now) throw invalid("The request object has expired.");
        Date nbf = claims.getNotBeforeTime();
        if (nbf != null && nbf.getTime() - CLOCK_SKEW_MS > now) throw invalid("The request object is not valid yet.");
        for (String name : List.of("client_id", "response_type")) {
            Object inside = claims.getClaim(name);
            List<String> outside = params.get(name);
            if (inside != null
                    && outside != null
                    && !outside.isEmpty()
                    && !String.valueOf(inside).equals(outside.get(0))) {
                throw invalid("The request object's " + name + " differs from the request's.");
            }
        }
    }

    /** A claim as the parameter it stands for: strings as they are, numbers as digits, objects (claims) as JSON. */
    private static String parameter(Object value) {
        if (value instanceof String s) return s;
        if (value instanceof Number || value instanceof Boolean) return value.toString();
        if (value instanceof List<?> list && list.stream().allMatch(v -> v instanceof String)) {
            return String.join(" ", list.stream().map(String::valueOf).toList());
        }
        return Json.write(Json.MAPPER.valueToTree(value));
    }

    private static OAuthException invalid(String description) {
        return new OAuthException(400, "invalid_request_object", description);
    }
}
