package io.latchkey.http;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Strict {@code application/x-www-form-urlencoded} decoding of query strings and form bodies. A malformed escape
 * ({@code %ZZ}) or a NUL character is a 400 naming the parameter: silently dropping the parameter (what lenient
 * decoders do) turned {@code ?filter=%ZZ} into "no filter", and a NUL cannot be stored in PostgreSQL text.
 */
public final class FormEncoding {
    private FormEncoding() {}

    /** The parameters of {@code encoded} (null or empty: none), in order, one list per name. */
    public static Map<String, List<String>> decode(String encoded) {
        Map<String, List<String>> params = new LinkedHashMap<>();
        if (encoded == null || encoded.isEmpty()) return params;
        for (String pair : encoded.split("&")) {
            if (pair.isEmpty()) continue;
            int eq = pair.indexOf('=');
            String rawName = eq < 0 ? pair : pair.substring(0, eq);
            String name = decodeOne(rawName, null);
            String value = eq < 0 ? "" : decodeOne(pair.substring(eq + 1), name);
            params.computeIfAbsent(name, k -> new ArrayList<>()).add(value);
        }
        return params;
    }

    private static String decodeOne(String raw, String name) {
        String target = name == null ? "parameter name" : name;
        // PingOne reports every problem of a filter as INVALID_FILTER.
        String code = "filter".equals(name) ? "INVALID_FILTER" : "INVALID_VALUE";
        String decoded;
        try {
            decoded = URLDecoder.decode(raw, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw ApiException.invalidData(
                    new ErrorDetail(code, target, "The value of '" + target + "' is not correctly URL-encoded."));
        }
        if (decoded.indexOf('\0') >= 0) {
            throw ApiException.invalidData(
                    new ErrorDetail(code, target, "The value of '" + target + "' contains a NUL character."));
        }
        return decoded;
    }
}
