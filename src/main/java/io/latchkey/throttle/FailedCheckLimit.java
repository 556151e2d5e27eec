package io.latchkey.throttle;

import io.latchkey.crypto.Secrets;
import io.latchkey.http.RequestLimited;
import java.util.Locale;
import java.util.function.LongSupplier;

/**
 * Limits the failed checks of secrets that people type into the flows (the password at sign-on, the current password
 * when changing it, a recovery code), per client address and per username.
 * <p>
 * A token is taken from both buckets <em>before</em> the check, so a refused attempt costs no password hash and counts
 * no failure on the account, and so that concurrent attempts cannot all slip through a nearly empty bucket. It is
 * given back when the check succeeds: people who sign on successfully are never held back, however many share an
 * address, while a flood of wrong or unknown credentials runs at the refill rate. Unknown usernames are limited as
 * existing ones are (the answer must not tell them apart). Per node: see {@link TokenBuckets}.
 */
public final class FailedCheckLimit {
    /** Keys each limit holds at most (about 150 bytes each). */
    static final int MAX_KEYS = 50_000;
    /** Longer usernames are keyed by their hash: the key's memory must not be the attacker's choice. */
    private static final int LONGEST_KEPT_USERNAME = 64;

    private final TokenBuckets byAddress;
    private final TokenBuckets byUsername;

    public FailedCheckLimit(ThrottleSettings settings) {
        this(settings.failuresPerAddress(), settings.failuresPerUsername(), MAX_KEYS, System::nanoTime);
    }

    FailedCheckLimit(
            ThrottleSettings.Limit perAddress, ThrottleSettings.Limit perUsername, int maxKeys, LongSupplier clock) {
        this.byAddress = perAddress.off() ? null : new TokenBuckets(perAddress, maxKeys, clock);
        this.byUsername = perUsername.off() ? null : new TokenBuckets(perUsername, maxKeys, clock);
    }

    /**
     * Takes the tokens for one check, or refuses with 429 {@link RequestLimited} (taking nothing).
     *
     * @param clientAddress as {@link ClientAddresses} gives it; null skips the per-address limit
     * @param username      as typed; null skips the per-username limit
     */
    public Taken take(String clientAddress, String env, String username) {
        String addressKey = byAddress == null ? null : clientAddress;
        String usernameKey = byUsername == null || username == null ? null : usernameKey(env, username);
        if (addressKey != null) {
            long wait = byAddress.take(addressKey);
            if (wait > 0) throw limited(wait);
        }
        if (usernameKey != null) {
            long wait = byUsername.take(usernameKey);
            if (wait > 0) {
                // No check will run: the address's token goes back.
                if (addressKey != null) byAddress.giveBack(addressKey);
                throw limited(wait);
            }
        }
        return new Taken(addressKey, usernameKey);
    }

    /** The tokens one check took; given back when the check succeeds. */
    public final class Taken {
        private final String addressKey;
        private final String usernameKey;
        private boolean givenBack;

        private Taken(String addressKey, String usernameKey) {
            this.addressKey = addressKey;
            this.usernameKey = usernameKey;
        }

        /** The secret was right: this attempt does not count against anyone. Once only. */
        public void giveBack() {
            if (givenBack) return;
            givenBack = true;
            if (addressKey != null) byAddress.giveBack(addressKey);
            if (usernameKey != null) byUsername.giveBack(usernameKey);
        }
    }

    private static String usernameKey(String env, String username) {
        String lower = username.toLowerCase(Locale.ROOT);
        return env + "\n" + (lower.length() <= LONGEST_KEPT_USERNAME ? lower : "#" + Secrets.hash(lower));
    }

    private static RequestLimited limited(long waitNanos) {
        long seconds = TokenBuckets.seconds(waitNanos);
        return new RequestLimited(
                seconds, "Too many failed attempts. Try again in " + TokenBuckets.inWords(seconds) + ".");
    }
}
