package io.latchkey.claims;

import java.util.Optional;

/**
 * User attributes that are not stored on the user but computed when an expression reads them, such as
 * {@code memberOfGroupNames}: {@code ${user.<name>}} and advanced expressions see them beside the profile, and they
 * cost nothing when no expression names them.
 */
public interface ComputedUserAttributes {
    /** Whether {@code name} (a top-level user attribute) is one of these. */
    boolean provides(String name);

    /** The value of attribute {@code name} for the user (a string, number, boolean, list or map), or empty. */
    Optional<Object> value(String env, String userId, String name);

    ComputedUserAttributes NONE = new ComputedUserAttributes() {
        @Override
        public boolean provides(String name) {
            return false;
        }

        @Override
        public Optional<Object> value(String env, String userId, String name) {
            return Optional.empty();
        }
    };
}
