package io.latchkey.claims;

import java.util.Set;
import java.util.TreeSet;

/**
 * Claim names no configured attribute may take, because a token sets them itself. The one list both sides use: the
 * management API refuses these names and token generation never produces them from attributes, so a name the API
 * accepts always reaches the token and one it would drop is refused up front. (A package of its own so that
 * {@code resources} and {@code authorize} can both depend on it without depending on each other or on {@code oauth}.)
 * <p>
 * Names are compared exactly: JWT claim names are case-sensitive (RFC 7519 §4), {@code Nonce} is not {@code nonce},
 * and PingOne documents only its SAML subject name as reserved without regard to case.
 */
public final class ReservedClaimNames {
    /** Any name under PingOne's own namespace ({@code p1.permissions}, {@code p1.region}, ...). */
    public static final String PREFIX = "p1.";

    private static final Set<String> NAMES = Set.of(
            // JWT registered claims (RFC 7519 §4.1)
            "iss",
            "sub",
            "aud",
            "exp",
            "nbf",
            "iat",
            "jti",
            // OpenID Connect ID token claims (Core §2, §3.3.2.11), s_hash from FAPI 1.0 Advanced §5.1
            "auth_time",
            "nonce",
            "acr",
            "amr",
            "azp",
            "at_hash",
            "c_hash",
            "s_hash",
            // OAuth (RFC 9068 §2.2), sessions (OIDC Front-/Back-Channel Logout)
            "scope",
            "client_id",
            "sid",
            // PingOne's own
            "env",
            "org");

    private ReservedClaimNames() {}

    public static boolean isReserved(String name) {
        return NAMES.contains(name) || name.startsWith(PREFIX);
    }

    /** The list for an error message: {@code acr, amr, ..., p1.*, ...}, sorted. */
    public static String describe() {
        TreeSet<String> all = new TreeSet<>(NAMES);
        all.add(PREFIX + "*");
        return String.join(", ", all);
    }
}
