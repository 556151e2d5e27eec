package io.latchkey.applications;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Objects;

/**
 * Whether a {@code redirect_uri} of an authorization request is one of an application's registered redirect URIs.
 * An exact match always counts. With {@code allowWildcardInRedirectUris}, a registered URI may hold one {@code *}
 * after its authority (checked on create and replace, {@link ApplicationTypeRules}); as in PingOne's "Redirect URIs"
 * page ({@code https://www.example.com/th*}{@code /callback} takes {@code /this/callback} and {@code /that/callback},
 * not {@code /oidc/callback}) it stands for any run of characters, with these limits so that it can never widen to
 * another place: the run holds no {@code / ? # & \ %}, no blank or control character and no {@code *}, and the URI
 * it yields keeps the registered scheme and authority and has no {@code .} or {@code ..} path segment.
 */
public final class RedirectUris {
    private RedirectUris() {}

    /** Whether {@code candidate} is {@code registered}, or matches it as a pattern when {@code wildcards} is on. */
    public static boolean matches(String registered, String candidate, boolean wildcards) {
        if (registered.equals(candidate)) return true;
        int star = registered.indexOf('*');
        if (!wildcards || star < 0) return false;
        String prefix = registered.substring(0, star);
        String suffix = registered.substring(star + 1);
        if (candidate.length() < prefix.length() + suffix.length()
                || !candidate.startsWith(prefix)
                || !candidate.endsWith(suffix)) {
            return false;
        }
        String run = candidate.substring(prefix.length(), candidate.length() - suffix.length());
        for (int i = 0; i < run.length(); i++) {
            char c = run.charAt(i);
            if (c <= ' ' || c >= 0x7f || "/?#&\\%*".indexOf(c) >= 0) return false;
        }
        return sameOriginWithoutDotSegments(registered.replace("*", "x"), candidate);
    }

    private static boolean sameOriginWithoutDotSegments(String registered, String candidate) {
        try {
            URI r = new URI(registered);
            URI c = new URI(candidate);
            if (!Objects.equals(r.getScheme(), c.getScheme())
                    || !Objects.equals(r.getRawAuthority(), c.getRawAuthority())
                    || c.getRawFragment() != null) {
                return false;
            }
            String path = c.getRawPath() == null ? "" : c.getRawPath();
            for (String segment : path.split("/", -1)) {
                if (segment.equals(".") || segment.equals("..")) return false;
            }
            return true;
        } catch (URISyntaxException e) {
            return false;
        }
    }
}
