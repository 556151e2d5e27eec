package io.latchkey.oauth;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.nimbusds.oauth2.sdk.ResponseType;
import com.nimbusds.oauth2.sdk.pkce.CodeChallengeMethod;
import com.nimbusds.openid.connect.sdk.OIDCResponseTypeValue;
import io.latchkey.http.Json;
import io.latchkey.resourcegrants.GrantedScope;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * An authorization request as {@code /as/authorize} accepted it: parsed and checked once there, then kept with the
 * sign-on flow and with the code, and read back by resume and by the token endpoint. Named apart from Nimbus'
 * {@code AuthorizationRequest}, the raw request it is parsed from.
 *
 * <p>It is stored as JSON ({@link #toJson}, {@link #fromJson}: the one place that knows the format) under the keys the
 * earlier string-keyed version used, so that flows and codes stored by one version of Latchkey are read by the
 * other while processes of both serve one database during an upgrade.
 *
 * @param responseType  what the client asked for: a code, tokens from the authorization endpoint, or both (hybrid)
 * @param scopes        the scopes granted at authorize, in request order
 * @param grantedScopes what was decided about them at authorize (their resources, the token's audiences and
 *                      lifetime), carried to the token endpoint rather than decided again; null only in requests stored
 *                      before it was carried, which the token endpoint still decides itself
 * @param state         as the client sent it; null when it sent none, as for {@code nonce} and {@code loginHint}
 * @param prompt        empty when the client sent none
 * @param maxAgeSeconds null when the client sent none
 * @param acrValues     the sign-on policy names the client asked for, in its order of preference; empty when none
 * @param requestedClaims the claims parameter's claims, and whether the scopes' claims go in the ID token
 * @param pkce          null when the client sent no code challenge
 */
public record AuthorizeRequest(
        String clientId,
        String redirectUri,
        ResponseType responseType,
        ResponseMode responseMode,
        String state,
        List<String> scopes,
        ScopeResolver.Resolved grantedScopes,
        String nonce,
        Set<Prompt> prompt,
        Long maxAgeSeconds,
        String loginHint,
        List<String> acrValues,
        RequestedClaims requestedClaims,
        Pkce pkce) {

    public AuthorizeRequest {
        scopes = List.copyOf(scopes);
        acrValues = List.copyOf(acrValues);
        if (grantedScopes != null && !grantedScopes.scopes().equals(scopes)) {
            throw new IllegalArgumentException("The scopes are not the granted ones");
        }
        prompt = prompt.isEmpty() ? Set.of() : Collections.unmodifiableSet(EnumSet.copyOf(prompt));
    }

    /** The values of {@code prompt} Latchkey accepts ({@code consent} has nothing to ask yet, but is no error). */
    public enum Prompt {
        LOGIN,
        NONE,
        CONSENT;

        /** As the parameter spells it. */
        String value() {
            return name().toLowerCase(Locale.ROOT);
        }

        /** The values of a space-separated {@code prompt}; empty when one of them is not Latchkey's. */
        static Optional<Set<Prompt>> parseAll(String spaceSeparated) {
            Set<Prompt> out = EnumSet.noneOf(Prompt.class);
            for (String value : spaceSeparated.split(" ")) {
                Optional<Prompt> p = Arrays.stream(values())
                        .filter(v -> v.value().equals(value))
                        .findFirst();
                if (p.isEmpty()) return Optional.empty();
                out.add(p.get());
            }
            return Optional.of(out);
        }
    }

    /** The PKCE code challenge (RFC 7636) the code is bound to; the token request must bring its verifier. */
    public record Pkce(String challenge, CodeChallengeMethod method) {}

    public boolean prompts(Prompt p) {
        return prompt.contains(p);
    }

    /** Whether the authorization response carries a code. */
    public boolean wantsCode() {
        return responseType.contains(ResponseType.Value.CODE);
    }

    /** Whether the authorization response carries an access token (implicit or hybrid). */
    public boolean wantsAccessToken() {
        return responseType.contains(ResponseType.Value.TOKEN);
    }

    /** Whether the authorization response carries an ID token (implicit or hybrid). */
    public boolean wantsIdToken() {
        return responseType.contains(OIDCResponseTypeValue.ID_TOKEN);
    }

    String toJson() {
        ObjectNode n = Json.object();
        n.put("clientId", clientId);
        n.put("redirectUri", redirectUri);
        n.put("responseType", responseType.toString());
        n.put("responseMode", responseMode.value());
        scopes.forEach(n.putArray("scopes")::add);
        if (grantedScopes != null) putGranted(n, grantedScopes);
        putIfPresent(n, "state", state);
        putIfPresent(n, "nonce", nonce);
        if (!prompt.isEmpty())
            n.put("prompt", prompt.stream().map(Prompt::value).collect(Collectors.joining(" ")));
        if (maxAgeSeconds != null) n.put("maxAge", maxAgeSeconds);
        putIfPresent(n, "loginHint", loginHint);
        if (!acrValues.isEmpty()) acrValues.forEach(n.putArray("acrValues")::add);
        if (!requestedClaims.equals(RequestedClaims.NONE)) n.put("requestedClaims", requestedClaims.stored());
        if (pkce != null) {
            n.put("codeChallenge", pkce.challenge());
            n.put("codeChallengeMethod", pkce.method().getValue());
        }
        return Json.write(n);
    }

    static AuthorizeRequest fromJson(String json) {
        ObjectNode n = Json.parseObject(json);
        List<String> scopes = new ArrayList<>();
        n.path("scopes").forEach(s -> scopes.add(s.asText()));
        String prompt = text(n, "prompt");
        Set<Prompt> prompts = prompt == null
                ? Set.of()
                : Prompt.parseAll(prompt).orElseThrow(() -> new IllegalArgumentException("prompt"));
        String challenge = text(n, "codeChallenge");
        List<String> acrValues = new ArrayList<>();
        n.path("acrValues").forEach(v -> acrValues.add(v.asText()));
        ResponseType responseType = responseType(text(n, "responseType"));
        return new AuthorizeRequest(
                text(n, "clientId"),
                text(n, "redirectUri"),
                responseType,
                ResponseMode.parse(text(n, "responseMode")).orElse(ResponseMode.defaultFor(responseType)),
                text(n, "state"),
                scopes,
                n.has("audiences") ? granted(n, scopes) : null,
                text(n, "nonce"),
                prompts,
                n.hasNonNull("maxAge") ? n.get("maxAge").asLong() : null,
                text(n, "loginHint"),
                acrValues,
                RequestedClaims.fromStored(text(n, "requestedClaims")),
                challenge == null
                        ? null
                        : new Pkce(
                                challenge,
                                CodeChallengeMethod.parse(
                                        n.path("codeChallengeMethod").asText(CodeChallengeMethod.PLAIN.getValue()))));
    }

    private static void putGranted(ObjectNode n, ScopeResolver.Resolved granted) {
        ArrayNode resources = n.putArray("grantedScopes");
        for (GrantedScope g : granted.granted()) {
            resources
                    .addObject()
                    .put("resourceId", g.resourceId())
                    .put("resourceName", g.resourceName())
                    .put("resourceType", g.resourceType())
                    .put("audience", g.audience())
                    .put("accessTokenValiditySeconds", g.accessTokenValiditySeconds())
                    .put("scopeId", g.scopeId())
                    .put("scopeName", g.scopeName());
        }
        granted.audiences().forEach(n.putArray("audiences")::add);
        // Only for a process of the previous version reading this request during an upgrade: it took the lifetime
        // from here. This version decides it when the token is issued (TokenLifetimes).
        n.put("accessTokenLifetimeSeconds", TokenLifetimes.accessTokenSeconds(granted.granted()));
    }

    private static ScopeResolver.Resolved granted(JsonNode n, List<String> scopes) {
        List<GrantedScope> granted = new ArrayList<>();
        for (JsonNode g : n.path("grantedScopes")) {
            granted.add(new GrantedScope(
                    text(g, "resourceId"),
                    text(g, "resourceName"),
                    text(g, "resourceType"),
                    text(g, "audience"),
                    g.path("accessTokenValiditySeconds").asInt(),
                    text(g, "scopeId"),
                    text(g, "scopeName")));
        }
        List<String> audiences = new ArrayList<>();
        n.path("audiences").forEach(a -> audiences.add(a.asText()));
        // As the resolver decides it: openid is granted exactly when it is among the scopes.
        return new ScopeResolver.Resolved(
                scopes, List.copyOf(granted), List.copyOf(audiences), scopes.contains("openid"));
    }

    /** The stored response type; requests stored before it was kept are all {@code code}. */
    private static ResponseType responseType(String stored) {
        try {
            return stored == null ? ResponseType.CODE : ResponseType.parse(stored);
        } catch (com.nimbusds.oauth2.sdk.ParseException e) {
            throw new IllegalArgumentException("responseType", e);
        }
    }

    private static void putIfPresent(ObjectNode n, String field, String value) {
        if (value != null) n.put(field, value);
    }

    private static String text(JsonNode n, String field) {
        JsonNode v = n.get(field);
        return v == null || v.isNull() ? null : v.asText();
    }
}
