package io.latchkey.oauth;

import com.nimbusds.oauth2.sdk.ParseException;
import com.nimbusds.openid.connect.sdk.OIDCClaimsRequest;
import com.nimbusds.openid.connect.sdk.claims.ClaimsSetRequest;
import io.latchkey.http.OAuthException;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Which user claims go where beyond what the tokens always carry (OIDC Core 5.4, 5.5): the claims the {@code claims}
 * parameter asks for in the ID token and at userinfo, and whether the granted scopes' claims go in the ID token — only
 * when no access token is issued ({@code response_type=id_token}); otherwise they are userinfo's. Whether a claim is
 * "essential" changes nothing: a claim the user lacks is left out either way (5.5.1).
 */
public record RequestedClaims(Set<String> idToken, Set<String> userinfo, boolean scopeClaimsInIdToken) {
    /** No claims parameter, an access token issued: the scopes' claims are at userinfo. */
    public static final RequestedClaims NONE = new RequestedClaims(Set.of(), Set.of(), false);

    public RequestedClaims {
        idToken = Set.copyOf(idToken);
        userinfo = Set.copyOf(userinfo);
    }

    /** The {@code claims} parameter (JSON), or null; {@code invalid_request} when it is not a claims request. */
    static RequestedClaims parse(String claimsParameter, boolean scopeClaimsInIdToken) {
        if (claimsParameter == null || claimsParameter.isBlank()) {
            return new RequestedClaims(Set.of(), Set.of(), scopeClaimsInIdToken);
        }
        try {
            OIDCClaimsRequest request = OIDCClaimsRequest.parse(claimsParameter);
            return new RequestedClaims(
                    names(request.getIDTokenClaimsRequest()),
                    names(request.getUserInfoClaimsRequest()),
                    scopeClaimsInIdToken);
        } catch (ParseException e) {
            throw OAuthException.invalidRequest(
                    "The claims parameter is not a valid claims request: " + e.getMessage());
        }
    }

    private static Set<String> names(ClaimsSetRequest set) {
        if (set == null) return Set.of();
        return set.getEntries().stream()
                .map(ClaimsSetRequest.Entry::getClaimName)
                .collect(Collectors.toCollection(LinkedHashSet::new));
    }

    /** As stored with a code's request or a refresh token: {@code <idToken names>|<userinfo names>|<0 or 1>}. */
    String stored() {
        return String.join(" ", idToken) + "|" + String.join(" ", userinfo) + "|" + (scopeClaimsInIdToken ? 1 : 0);
    }

    /** What {@link #stored} wrote; {@link #NONE} for null (rows from before the claims were kept). */
    static RequestedClaims fromStored(String stored) {
        if (stored == null) return NONE;
        String[] parts = stored.split("\\|", -1);
        if (parts.length != 3) return NONE;
        return new RequestedClaims(words(parts[0]), words(parts[1]), parts[2].equals("1"));
    }

    static Set<String> words(String spaceSeparated) {
        return spaceSeparated == null || spaceSeparated.isBlank()
                ? Set.of()
                : new LinkedHashSet<>(Arrays.asList(spaceSeparated.trim().split(" +")));
    }
}
