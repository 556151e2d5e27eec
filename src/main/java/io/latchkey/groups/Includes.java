package io.latchkey.groups;

import io.latchkey.http.ApiException;
import io.latchkey.http.ErrorDetail;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * {@code include=} and {@code expand=} query values: comma-separated (or repeated), each one of the values the
 * endpoint knows; anything else is a 400 naming the parameter, so a typo is not silently ignored.
 */
public final class Includes {
    private Includes() {}

    public static Set<String> parse(String parameter, List<String> values, Set<String> known) {
        Set<String> out = new LinkedHashSet<>();
        if (values == null) return out;
        for (String value : values) {
            for (String part : value.split(",")) {
                String v = part.trim();
                if (v.isEmpty()) continue;
                if (!known.contains(v)) {
                    throw ApiException.invalidData(ErrorDetail.invalid(
                            parameter,
                            "'" + parameter + "' takes "
                                    + String.join(", ", known.stream().sorted().toList()) + "; not '" + v + "'."));
                }
                out.add(v);
            }
        }
        return out;
    }
}
