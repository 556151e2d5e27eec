package io.latchkey.http;

import java.util.ArrayList;
import java.util.List;

/** Collects every problem of a request so that one 400 reports all of them at once. */
public final class Validation {
    private final List<ErrorDetail> details = new ArrayList<>();

    /**
     * Adds {@code detail} unless the very same one is already there: several shapes may read one body (a user's
     * profile and its other fields), and a body that is no object is one mistake, reported once.
     */
    public Validation add(ErrorDetail detail) {
        if (!details.contains(detail)) details.add(detail);
        return this;
    }

    public boolean ok() {
        return details.isEmpty();
    }

    public List<ErrorDetail> details() {
        return details;
    }

    /** Throws 400 INVALID_DATA with everything collected, if anything was. */
    public void throwIfAny() {
        if (!details.isEmpty()) throw ApiException.invalidData(details);
    }
}
