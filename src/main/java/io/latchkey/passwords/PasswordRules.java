package io.latchkey.passwords;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.BooleanSupplier;

/**
 * The rules of a password policy, applied to a cleartext password. Each broken rule is reported under the name
 * of the policy property that states it ({@code length}, {@code minCharacters}, {@code maxRepeatedCharacters},
 * {@code minUniqueCharacters}, {@code minComplexity}, {@code excludesCommonlyUsed}, {@code excludesProfileData},
 * {@code notSimilarToCurrent}, {@code history}), as PingOne's {@code unsatisfiedRequirements} does.
 */
public final class PasswordRules {
    /** Guesses per second assumed by {@code minComplexity} (GRC's "offline fast attack" scenario). */
    static final double GUESSES_PER_SECOND = 1e11;
    /** {@code notSimilarToCurrent}: a Levenshtein distance below this to the current password is too close. */
    static final int MIN_DISTANCE_TO_CURRENT = 3;

    private PasswordRules() {}

    /** One broken rule. */
    public record Broken(String rule, String message) {}

    /**
     * @param policy  the policy document (as stored)
     * @param profile the user's profile values ({@code excludesProfileData})
     * @param current the current password in clear, when the user just typed it (change flows), else null
     * @param reused  whether the password is the current one or in the kept history (costly: evaluated last)
     */
    static List<Broken> check(
            JsonNode policy, String password, Collection<String> profile, String current, BooleanSupplier reused) {
        List<Broken> out = new ArrayList<>();
        int length = password.codePointCount(0, password.length());
        JsonNode len = policy.path("length");
        if (len.isObject()) {
            int min = len.path("min").asInt(0);
            int max = len.path("max").asInt(Integer.MAX_VALUE);
            if (length < min || length > max) {
                out.add(new Broken(
                        "length",
                        "The password must be between " + min + " and "
                                + (max == Integer.MAX_VALUE ? "any number of" : String.valueOf(max))
                                + " characters long."));
            }
        }
        JsonNode minChars = policy.path("minCharacters");
        if (minChars.isObject()) {
            List<String> missing = new ArrayList<>();
            for (Map.Entry<String, JsonNode> e : minChars.properties()) {
                int need = e.getValue().asInt(0);
                int have = 0;
                for (int i = 0; i < password.length(); i++) if (e.getKey().indexOf(password.charAt(i)) >= 0) have++;
                if (have < need) missing.add(need + " of " + e.getKey());
            }
            if (!missing.isEmpty()) {
                out.add(new Broken(
                        "minCharacters", "The password must contain at least " + String.join(", ", missing) + "."));
            }
        }
        if (policy.hasNonNull("maxRepeatedCharacters")) {
            int max = policy.get("maxRepeatedCharacters").asInt();
            if (longestRun(password) > max) {
                out.add(new Broken(
                        "maxRepeatedCharacters",
                        "The password must not repeat a character more than " + max + " times in a row."));
            }
        }
        if (policy.hasNonNull("minUniqueCharacters")) {
            int min = policy.get("minUniqueCharacters").asInt();
            if (password.codePoints().distinct().count() < min) {
                out.add(new Broken(
                        "minUniqueCharacters", "The password must contain at least " + min + " different characters."));
            }
        }
        if (policy.hasNonNull("minComplexity")) {
            int days = policy.get("minComplexity").asInt();
            if (bruteForceDays(password) < days) {
                out.add(new Broken("minComplexity", "The password is too easy to guess: use a longer passphrase."));
            }
        }
        if (policy.path("excludesCommonlyUsed").asBoolean(false) && CommonPasswords.contains(password)) {
            out.add(new Broken("excludesCommonlyUsed", "The password is too commonly used."));
        }
        if (policy.path("excludesProfileData").asBoolean(false) && matchesProfile(password, profile)) {
            out.add(new Broken("excludesProfileData", "The password must not be a value of the user's profile."));
        }
        if (current != null
                && policy.path("notSimilarToCurrent").asBoolean(false)
                && !current.equals(password)
                && levenshtein(current, password) < MIN_DISTANCE_TO_CURRENT) {
            out.add(new Broken("notSimilarToCurrent", "The password is too similar to the current password."));
        }
        if ((current != null && current.equals(password)) || reused.getAsBoolean()) {
            out.add(new Broken("history", "The password must not be the current password or a recently used one."));
        }
        return out;
    }

    static int longestRun(String s) {
        int best = 0;
        int run = 0;
        int previous = -1;
        for (int cp : s.codePoints().toArray()) {
            run = cp == previous ? run + 1 : 1;
            previous = cp;
            best = Math.max(best, run);
        }
        return best;
    }

    /** Days to exhaust the password's search space (GRC "haystack": alphabet size and length). */
    static double bruteForceDays(String password) {
        boolean lower = false, upper = false, digit = false, other = false;
        for (int cp : password.codePoints().toArray()) {
            if (cp >= 'a' && cp <= 'z') lower = true;
            else if (cp >= 'A' && cp <= 'Z') upper = true;
            else if (cp >= '0' && cp <= '9') digit = true;
            else other = true;
        }
        int alphabet = (lower ? 26 : 0) + (upper ? 26 : 0) + (digit ? 10 : 0) + (other ? 33 : 0);
        int length = password.codePointCount(0, password.length());
        if (alphabet == 0) return 0;
        // sum of alphabet^i for i = 1..length, in logarithms to stay finite
        double log = length * Math.log(alphabet) + Math.log((double) alphabet / (alphabet - 1 == 0 ? 1 : alphabet - 1));
        double seconds = Math.exp(Math.min(log, 700)) / GUESSES_PER_SECOND;
        return seconds / 86_400;
    }

    private static boolean matchesProfile(String password, Collection<String> profile) {
        String p = password.toLowerCase(Locale.ROOT);
        Set<String> values = new HashSet<>();
        for (String v : profile) {
            if (v == null || v.isBlank()) continue;
            String lower = v.toLowerCase(Locale.ROOT).trim();
            values.add(lower);
            int at = lower.indexOf('@');
            if (at > 0) values.add(lower.substring(0, at));
        }
        return values.contains(p);
    }

    static int levenshtein(String a, String b) {
        int[] x = a.codePoints().toArray();
        int[] y = b.codePoints().toArray();
        int[] prev = new int[y.length + 1];
        int[] cur = new int[y.length + 1];
        for (int j = 0; j <= y.length; j++) prev[j] = j;
        for (int i = 1; i <= x.length; i++) {
            cur[0] = i;
            for (int j = 1; j <= y.length; j++) {
                int cost = x[i - 1] == y[j - 1] ? 0 : 1;
                cur[j] = Math.min(Math.min(cur[j - 1] + 1, prev[j] + 1), prev[j - 1] + cost);
            }
            int[] t = prev;
            prev = cur;
            cur = t;
        }
        return prev[y.length];
    }
}
