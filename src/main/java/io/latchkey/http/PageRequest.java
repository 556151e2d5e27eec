package io.latchkey.http;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.regex.Pattern;

/**
 * {@code limit} and {@code cursor} of a list call. The cursor is opaque to clients: the id after which the
 * next page starts (ids are time-ordered, so keyset paging on id is stable and uses the primary key).
 */
public record PageRequest(int limit, String after) {
    /** Ids are UUIDs; http/ may not reach into storage for Ids, so the shape is checked here. */
    private static final Pattern CURSOR_ID = Pattern.compile("[0-9a-f-]{36}");

    public static final int DEFAULT_LIMIT = 100;

    public static PageRequest of(String limitParam, String cursorParam, int maxLimit) {
        Validation v = new Validation();
        int limit = DEFAULT_LIMIT;
        if (limitParam != null) {
            try {
                limit = Integer.parseInt(limitParam);
                if (limit < 1 || limit > maxLimit) throw new NumberFormatException();
            } catch (NumberFormatException e) {
                v.add(new ErrorDetail(
                        "INVALID_VALUE",
                        "limit",
                        "'limit' must be an integer between 1 and " + maxLimit + ".",
                        java.util.Map.of("rangeMinimumValue", 1, "rangeMaximumValue", maxLimit)));
            }
        }
        String after = null;
        if (cursorParam != null && !cursorParam.isEmpty()) {
            try {
                after = new String(Base64.getUrlDecoder().decode(cursorParam), StandardCharsets.UTF_8);
                if (!CURSOR_ID.matcher(after).matches()) throw new IllegalArgumentException();
            } catch (IllegalArgumentException e) {
                v.add(ErrorDetail.invalid("cursor", "'cursor' is not a cursor returned by this API."));
            }
        }
        v.throwIfAny();
        return new PageRequest(limit, after);
    }

    public static String cursorAfter(String id) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(id.getBytes(StandardCharsets.UTF_8));
    }
}
