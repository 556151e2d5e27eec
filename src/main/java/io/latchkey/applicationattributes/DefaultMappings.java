package io.latchkey.applicationattributes;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * The mappings every application has from the start: the CORE {@code sub} ({@code ${user.id}}) and one SCOPE mapping
 * per standard claim Latchkey releases for the {@code profile}, {@code email}, {@code address} and {@code phone}
 * scopes (OIDC Core §5.4), with the user attribute each comes from. Their values are those of the {@code openid}
 * resource's predefined attributes. The {@code address} claim is an object made of the {@code address.*} mappings.
 *
 * <p>They are not rows: each has an id derived from the application's and its name, and becomes a row (under that id)
 * only when replaced with PUT. So every application, old or new, lists them, and an application nobody re-mapped
 * issues exactly the claims it did before mappings existed.
 *
 * <p>SCOPE mappings start with {@code idToken: false}: with an access token beside it, an ID token carries no scope
 * claims (they are userinfo's, §5.4), as before; PUT {@code idToken: true} adds one to the ID token.
 */
final class DefaultMappings {
    static final String SUB = "sub";
    static final String SUB_VALUE = "${user.id}";
    /** The top-level claim of the {@code address.*} mappings. */
    static final String ADDRESS = "address";

    record Default(String name, MappingType type, String scope, String value, boolean idToken, boolean required) {}

    static final List<Default> ALL = List.of(
            new Default(SUB, MappingType.CORE, null, SUB_VALUE, true, true),
            scope("name", "profile", "${user.name.formatted}"),
            scope("given_name", "profile", "${user.name.given}"),
            scope("family_name", "profile", "${user.name.family}"),
            scope("middle_name", "profile", "${user.name.middle}"),
            scope("nickname", "profile", "${user.nickname}"),
            scope("preferred_username", "profile", "${user.username}"),
            scope("picture", "profile", "${user.photo.href}"),
            scope("zoneinfo", "profile", "${user.timezone}"),
            scope("locale", "profile", "${user.locale}"),
            scope("updated_at", "profile", "${#datetime.toUnixTimestamp(user.updatedAt)}"),
            scope("email", "email", "${user.email}"),
            scope("email_verified", "email", "${user.emailVerified}"),
            scope("address.street_address", "address", "${user.address.streetAddress}"),
            scope("address.locality", "address", "${user.address.locality}"),
            scope("address.region", "address", "${user.address.region}"),
            scope("address.postal_code", "address", "${user.address.postalCode}"),
            scope("address.country", "address", "${user.address.countryCode}"),
            scope("phone_number", "phone", "${user.primaryPhone}"));

    private DefaultMappings() {}

    private static Default scope(String name, String scope, String value) {
        return new Default(name, MappingType.SCOPE, scope, value, false, false);
    }

    static Optional<Default> named(String name) {
        return ALL.stream().filter(d -> d.name().equals(name)).findFirst();
    }

    /** The id of {@code application}'s mapping {@code name}: a name-based UUID, the same on every process. */
    static String idOf(String applicationId, String name) {
        return UUID.nameUUIDFromBytes(
                        ("application-attribute/" + applicationId + "/" + name).getBytes(StandardCharsets.UTF_8))
                .toString();
    }

    /** {@code d} as {@code application} has it until it is replaced. */
    static AttributeMapping of(Default d, String env, String applicationId, long createdAt) {
        return new AttributeMapping(
                idOf(applicationId, d.name()),
                env,
                applicationId,
                d.name(),
                d.type(),
                d.scope(),
                d.value(),
                d.required(),
                d.idToken(),
                true,
                null,
                createdAt,
                createdAt,
                false);
    }

    /** The claim a mapping's value lands in: {@code address} for {@code address.*}, else its name. */
    static String claimOf(AttributeMapping m) {
        return m.type() == MappingType.SCOPE && m.name().startsWith(ADDRESS + ".") ? ADDRESS : m.name();
    }
}
