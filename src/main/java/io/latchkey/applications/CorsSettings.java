package io.latchkey.applications;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * An application's {@code corsSettings}: which origins a browser may call the Auth API from on its behalf
 * (docs/applications.md, "Cross-origin requests (corsSettings)").
 *
 * @param origins the listed origins ({@code http(s)://host[:port]}, the host may start with {@code *.}); empty
 *                unless {@code ALLOW_SPECIFIC_ORIGINS}
 */
public record CorsSettings(Behavior behavior, List<String> origins) {
    /** {@code OMITTED}: the application has no {@code corsSettings} (PingOne's legacy behaviour). */
    public enum Behavior {
        OMITTED,
        ALLOW_NO_ORIGINS,
        ALLOW_SPECIFIC_ORIGINS
    }

    public CorsSettings {
        origins = List.copyOf(origins);
    }

    static CorsSettings from(JsonNode doc) {
        JsonNode cors = doc.path("corsSettings");
        if (!cors.isObject() || !cors.hasNonNull("behavior")) return new CorsSettings(Behavior.OMITTED, List.of());
        Behavior behavior = Behavior.valueOf(cors.get("behavior").asText());
        List<String> origins = new ArrayList<>();
        if (behavior == Behavior.ALLOW_SPECIFIC_ORIGINS) cors.path("origins").forEach(o -> origins.add(o.asText()));
        return new CorsSettings(behavior, origins);
    }

    /**
     * Whether {@code origin} (a browser's {@code Origin} header) is one of {@link #origins}: same scheme, host and
     * port (a missing port is the scheme's default); {@code *.example.com} takes any host ending in
     * {@code .example.com}, at any depth, but not {@code example.com} itself.
     */
    public boolean lists(String origin) {
        Origin o = Origin.parse(origin);
        if (o == null || o.host().startsWith("*")) return false;
        for (String listed : origins) {
            Origin l = Origin.parse(listed);
            if (l == null || !l.scheme().equals(o.scheme()) || l.port() != o.port()) continue;
            if (l.host().startsWith("*.")) {
                String suffix = l.host().substring(1); // ".example.com"
                if (o.host().endsWith(suffix) && o.host().length() > suffix.length()) return true;
            } else if (l.host().equals(o.host())) {
                return true;
            }
        }
        return false;
    }

    private record Origin(String scheme, String host, int port) {
        private static final String WILDCARD = "wildcardlabel";

        static Origin parse(String value) {
            if (value == null) return null;
            String v = value.trim();
            boolean wildcard = v.matches("(?i)^https?://\\*\\..*");
            if (wildcard) v = v.replaceFirst("\\*\\.", WILDCARD + ".");
            try {
                URI uri = new URI(v);
                String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
                if (!scheme.equals("http") && !scheme.equals("https") || uri.getHost() == null) return null;
                if (uri.getRawPath() != null
                        && !uri.getRawPath().isEmpty()
                        && !uri.getRawPath().equals("/")) return null;
                String host = uri.getHost().toLowerCase(Locale.ROOT);
                if (wildcard) host = "*" + host.substring(WILDCARD.length());
                int port = uri.getPort() >= 0 ? uri.getPort() : scheme.equals("https") ? 443 : 80;
                return new Origin(scheme, host, port);
            } catch (URISyntaxException e) {
                return null;
            }
        }
    }
}
