package io.latchkey.passwords;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Set;

/**
 * The list behind {@code excludesCommonlyUsed} ({@code passwords/common-passwords.txt}, written for Latchkey).
 * A password is refused when it, its lower-cased form, its form with common leet substitutions undone
 * ({@code @}→a, {@code 0}→o, {@code 1}→i and l, {@code 3}→e, {@code 4}→a, {@code 5}/{@code $}→s, {@code 7}→t), or
 * any of these with trailing digits and symbols removed, is on the list: "P@ssw0rd2024!" counts as "password".
 */
final class CommonPasswords {
    private static final Set<String> LIST = load();

    private CommonPasswords() {}

    static boolean contains(String password) {
        for (String candidate : candidates(password)) {
            if (LIST.contains(candidate)) return true;
        }
        return false;
    }

    static int size() {
        return LIST.size();
    }

    private static final String SUFFIX_CHARS = "0123456789!@#$%^&*?.";

    private static Set<String> candidates(String password) {
        Set<String> out = new LinkedHashSet<>();
        String lower = password.toLowerCase(Locale.ROOT);
        for (String form : new String[] {lower, unleet(lower, 'i'), unleet(lower, 'l')}) {
            out.add(form);
            String stripped = form.replaceAll("[^\\p{L}]+$", "");
            if (stripped.length() >= 4) out.add(stripped);
            String strippedSymbols = form.replaceAll("[^\\p{L}\\p{N}]+$", "");
            if (strippedSymbols.length() >= 4) out.add(strippedSymbols);
        }
        return out;
    }

    private static String unleet(String s, char one) {
        // Digits and symbols at the end are a suffix, not a substitution: keep them so they can be stripped. Found
        // once, from the end (a test per character made long passwords quadratic: seconds for 100,000 characters).
        int suffix = s.length();
        while (suffix > 0 && SUFFIX_CHARS.indexOf(s.charAt(suffix - 1)) >= 0) suffix--;
        StringBuilder b = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (i >= suffix) {
                b.append(c);
                continue;
            }
            b.append(
                    switch (c) {
                        case '@', '4' -> 'a';
                        case '0' -> 'o';
                        case '1', '!' -> one;
                        case '3' -> 'e';
                        case '5', '$' -> 's';
                        case '7' -> 't';
                        default -> c;
                    });
        }
        return b.toString();
    }

    private static Set<String> load() {
        Set<String> out = new HashSet<>();
        try (InputStream in = CommonPasswords.class.getResourceAsStream("/passwords/common-passwords.txt")) {
            if (in == null) throw new IllegalStateException("passwords/common-passwords.txt is missing");
            BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            for (String line = r.readLine(); line != null; line = r.readLine()) {
                line = line.trim();
                if (!line.isEmpty() && !line.startsWith("#")) out.add(line.toLowerCase(Locale.ROOT));
            }
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        return Set.copyOf(out);
    }
}
