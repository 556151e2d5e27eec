package io.latchkey.passwords;

import java.util.Optional;
import org.jdbi.v3.core.Handle;

/** Reads a password policy for other features inside their own transaction (a population names one). */
public final class PasswordPolicyLookup {
    private final PasswordPolicyStore store = new PasswordPolicyStore();

    /** The password policy {@code id} of {@code env}, read in the caller's transaction. */
    public Optional<PasswordPolicy> find(Handle h, String env, String id) {
        return store.find(h, env, id);
    }
}
