package io.latchkey.applicationpermissions;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.latchkey.http.ApiException;
import io.latchkey.http.ErrorDetail;
import io.latchkey.http.Shape;
import io.latchkey.http.Validation;

/** The request bodies of this package's endpoints. */
final class Shapes {
    private Shapes() {}

    /**
     * Names of application resources and roles, and permission actions: Unicode letters, marks, numbers, spaces,
     * {@code / . ' _ -} (PingOne's documented rule for actions and role names). No colon, so that a key
     * {@code "<name>:<action>"} always splits one way.
     */
    static final String NAME_PATTERN = "^[\\p{L}\\p{M}\\p{N} /.'_-]+$";

    static final int NAME_MAX = 256;
    static final int DESCRIPTION_MAX = 1024;

    static final Shape APPLICATION_RESOURCE = Shape.of()
            .string("name", f -> f.required().maxLength(NAME_MAX).pattern(NAME_PATTERN))
            .string("description", f -> f.maxLength(DESCRIPTION_MAX));

    static final Shape PERMISSION = Shape.of()
            .string("action", f -> f.required().maxLength(NAME_MAX).pattern(NAME_PATTERN))
            .string("description", f -> f.maxLength(DESCRIPTION_MAX));

    static final Shape ROLE = Shape.of()
            .string("name", f -> f.required().maxLength(NAME_MAX).pattern(NAME_PATTERN))
            .string("description", f -> f.maxLength(DESCRIPTION_MAX));

    /** {@code {"id": "..."}}: the permission added to a role, or the role given to a user. */
    static final Shape ID_REF = Shape.of().string("id", f -> f.required().maxLength(36));

    /** The text of {@code field} when it was given and passed its own rules, else null. */
    static String validText(ObjectNode doc, Validation v, String field) {
        if (!doc.hasNonNull(field)) return null;
        boolean bad = v.details().stream().anyMatch(d -> field.equals(d.target()));
        return bad ? null : doc.get(field).asText();
    }

    static ApiException uniqueness(String target, String message) {
        return ApiException.invalidData(ErrorDetail.unique(target, message));
    }
}
