package io.latchkey.mfa.devices;

import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Phone numbers as PingOne takes them: international form with {@code +} and the country code; dots, spaces,
 * parentheses and dashes may separate the digits ({@code +1 (512) 555-1234}, {@code +1.512.555.1234}). Stored and
 * shown as {@code +} and digits only (E.164: at most 15 digits, the first not 0).
 */
final class PhoneNumbers {
    private static final Pattern SEPARATORS = Pattern.compile("[\\s.()\\-]");
    private static final Pattern E164 = Pattern.compile("\\+[1-9][0-9]{6,14}");

    private PhoneNumbers() {}

    /** The number in {@code +<digits>} form, or empty when it is not an international phone number. */
    static Optional<String> normalise(String given) {
        String compact = SEPARATORS.matcher(given).replaceAll("");
        return E164.matcher(compact).matches() ? Optional.of(compact) : Optional.empty();
    }
}
