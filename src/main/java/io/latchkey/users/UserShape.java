package io.latchkey.users;

import io.latchkey.http.ErrorDetail;
import io.latchkey.http.Shape;
import io.latchkey.http.Validation;
import java.net.URI;
import java.util.Locale;

/** The accepted user body (PingOne's {@code User}): the profile, and the attributes kept outside it. */
final class UserShape {
    private UserShape() {}

    /** Letters, marks, spaces, symbols, numbers, punctuation (the spec's pattern for most text attributes). */
    static final String TEXT = "^[\\p{L}\\p{M}\\p{Zs}\\p{S}\\p{N}\\p{P}]*$";
    /** Family and formatted names: letters, marks, numbers, apostrophe, space, dot, hyphen. */
    static final String NAME = "^[\\p{L}\\p{M}\\p{N}' .-]*$";

    static final String STREET = "^[\\p{L}\\p{M}\\p{N}\\p{Zs}\\p{P}\\n\\r]*$";
    /**
     * IANA zone names such as {@code Europe/Paris} or {@code America/Argentina/Buenos_Aires}. The spec's
     * {@code ^\w+\/\w+$} refuses real three-part zones, so Latchkey is slightly wider.
     */
    static final String TIMEZONE = "^[A-Za-z0-9_+-]+(/[A-Za-z0-9_+-]+)+$";

    /**
     * Filterable values are indexed, and a PostgreSQL b-tree entry holds at most 2,704 bytes: 1,024 characters of
     * three UTF-8 bytes each do not fit. Every database refuses the same values, with a clear 400.
     */
    static final int MAX_INDEXED_BYTES = 2000;

    /** The longest {@code password.value}: a cleartext password or an imported hash. */
    static final int MAX_PASSWORD_VALUE = 4096;

    /** The profile: everything PUT replaces and claims can read. */
    static final Shape PROFILE = Shape.of()
            .string("username", f -> f.required().length(1, 128).pattern(TEXT))
            .string(
                    "email",
                    f -> f.maxLength(320).check((email, v) -> {
                        if (!email.matches("^[^@\\s]+@[^@\\s]+$"))
                            v.add(ErrorDetail.invalid(null, "'email' must be a valid email address."));
                    }))
            .object(
                    "name",
                    Shape.of()
                            .string("given", f -> f.length(1, 256).pattern(TEXT))
                            .string("family", f -> f.length(1, 256).pattern(NAME))
                            .string("middle", f -> f.length(1, 256).pattern(TEXT))
                            .string("formatted", f -> f.length(1, 256).pattern(NAME))
                            .string("honorificPrefix", f -> f.maxLength(256))
                            .string("honorificSuffix", f -> f.maxLength(256)),
                    Shape.optional())
            .string("nickname", f -> f.length(1, 256).pattern(TEXT))
            .string("title", f -> f.length(1, 256).pattern(TEXT))
            .string("type", f -> f.length(1, 256).pattern(TEXT))
            .string("locale", f -> f.length(1, 256).pattern(TEXT))
            .string("preferredLanguage", f -> f.length(1, 256))
            .string("timezone", f -> f.length(1, 256).pattern(TIMEZONE))
            .string("mobilePhone", f -> f.length(1, 32).check(UserShape::phone))
            .string("primaryPhone", f -> f.length(1, 32).check(UserShape::phone))
            .object(
                    "address",
                    Shape.of()
                            .string("streetAddress", f -> f.length(1, 256).pattern(STREET))
                            .string("locality", f -> f.length(1, 256).pattern(TEXT))
                            .string("region", f -> f.length(1, 256).pattern(TEXT))
                            .string("postalCode", f -> f.length(1, 40).pattern(TEXT))
                            .string("countryCode", f -> f.pattern("[A-Z]{2}")),
                    Shape.optional())
            .object(
                    "photo",
                    Shape.of().string("href", f -> f.required().maxLength(2048).check(UserShape::httpUrl)),
                    Shape.optional())
            .string("externalId", f -> f.length(1, 1024).check(UserShape::indexable))
            // Not in the OpenAPI description, but a standard PingOne user attribute (filterable, see UserFilter).
            .string("accountId", f -> f.length(1, 1024).check(UserShape::indexable))
            .object("identityProvider", Shape.of().string("id", f -> f.maxLength(36)), Shape.optional());

    /** Attributes outside the profile. {@code lifecycle} and {@code emailVerified} only on import. */
    static final Shape EXTRA = Shape.of()
            .ref("population", Shape.optional())
            .bool("enabled", Shape.optional())
            .bool("mfaEnabled", Shape.optional())
            .object(
                    "password",
                    Shape.of()
                            .string("value", f -> f.required().maxLength(MAX_PASSWORD_VALUE))
                            .bool("forceChange", f -> f.defaultValue(false)),
                    Shape.optional())
            .object(
                    "lifecycle",
                    Shape.of()
                            .string("status", f -> f.oneOf("ACCOUNT_OK", "VERIFICATION_REQUIRED"))
                            .bool("suppressVerificationCode", Shape.optional()),
                    Shape.optional())
            .bool("emailVerified", Shape.optional());

    private static void indexable(String value, Validation v) {
        int bytes = value.toLowerCase(java.util.Locale.ROOT).getBytes(java.nio.charset.StandardCharsets.UTF_8).length;
        if (bytes > MAX_INDEXED_BYTES) {
            v.add(ErrorDetail.invalid(
                    null,
                    "The value is " + bytes + " bytes long in UTF-8; at most " + MAX_INDEXED_BYTES
                            + " bytes are allowed (1,024 ASCII characters always fit)."));
        }
    }

    private static void phone(String value, Validation v) {
        if (value.chars().noneMatch(Character::isDigit))
            v.add(ErrorDetail.invalid(null, "A phone number must contain a digit."));
    }

    private static void httpUrl(String value, Validation v) {
        try {
            URI u = new URI(value);
            String scheme = u.getScheme() == null ? "" : u.getScheme().toLowerCase(Locale.ROOT);
            if (!(scheme.equals("http") || scheme.equals("https")) || u.getHost() == null)
                throw new IllegalArgumentException();
        } catch (Exception e) {
            v.add(ErrorDetail.invalid(null, "'photo.href' must be an http or https URL."));
        }
    }
}
