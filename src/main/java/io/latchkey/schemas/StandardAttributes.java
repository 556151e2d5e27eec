package io.latchkey.schemas;

import io.latchkey.schemas.SchemaAttribute.SchemaType;
import io.latchkey.schemas.SchemaAttribute.Type;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;

/**
 * The attributes every user has: CORE ones (managed by the platform, never changed) and STANDARD ones (the profile
 * of PingOne's {@code User}, as {@code users.UserShape} accepts it). They are listed, read-only, beside the custom
 * attributes; their ids are derived from the environment and the name, so they are stable without a row.
 */
final class StandardAttributes {
    private StandardAttributes() {}

    private record Def(
            String name, Type type, SchemaType schemaType, boolean unique, boolean required, String[] parts) {}

    private static final List<Def> DEFS = List.of(
            core("id", Type.STRING, true, true),
            core("username", Type.STRING, true, true),
            complex("population", SchemaType.CORE, "id"),
            core("createdAt", Type.STRING, false, false),
            core("updatedAt", Type.STRING, false, false),
            core("enabled", Type.BOOLEAN, false, false),
            complex("lifecycle", SchemaType.CORE, "status"),
            core("mfaEnabled", Type.BOOLEAN, false, false),
            complex("account", SchemaType.CORE, "status", "canAuthenticate"),
            complex("identityProvider", SchemaType.CORE, "id", "type"),
            core("emailVerified", Type.BOOLEAN, false, false),
            standard("email"),
            complex(
                    "name",
                    SchemaType.STANDARD,
                    "given",
                    "family",
                    "middle",
                    "formatted",
                    "honorificPrefix",
                    "honorificSuffix"),
            standard("nickname"),
            standard("title"),
            standard("type"),
            standard("locale"),
            standard("preferredLanguage"),
            standard("timezone"),
            standard("mobilePhone"),
            standard("primaryPhone"),
            complex("address", SchemaType.STANDARD, "streetAddress", "locality", "region", "postalCode", "countryCode"),
            complex("photo", SchemaType.STANDARD, "href"),
            standard("externalId"),
            standard("accountId"));

    /**
     * Names a custom attribute cannot take (compared without regard to case): every core and standard attribute,
     * and every other top-level member of PingOne's user JSON, so that a custom value can never shadow one.
     */
    static final Set<String> RESERVED;

    static {
        Set<String> r = new TreeSet<>();
        for (Def d : DEFS) r.add(d.name().toLowerCase(Locale.ROOT));
        for (String other : List.of(
                "_links",
                "_embedded",
                "environment",
                "password",
                "lastSignOn",
                "verifyStatus",
                "memberOfGroupIDs",
                "memberOfGroupNames",
                "memberOfGroups",
                "schemas",
                "sub",
                "groups",
                "roles",
                "devices",
                "sessions")) r.add(other.toLowerCase(Locale.ROOT));
        RESERVED = Set.copyOf(r);
    }

    static boolean reserved(String name) {
        return RESERVED.contains(name.toLowerCase(Locale.ROOT));
    }

    /** The core and standard attributes of the environment's schema, in PingOne's order. */
    static List<SchemaAttribute> of(String env) {
        List<SchemaAttribute> out = new ArrayList<>();
        for (Def d : DEFS) {
            List<SchemaAttribute> parts = new ArrayList<>();
            for (String part : d.parts())
                parts.add(attribute(
                        env, d.name() + "." + part, part, Type.STRING, d.schemaType(), false, false, List.of()));
            out.add(attribute(env, d.name(), d.name(), d.type(), d.schemaType(), d.unique(), d.required(), parts));
        }
        return out;
    }

    /** The id of a core or standard attribute (or part) of the environment. */
    static String id(String env, String path) {
        return UUID.nameUUIDFromBytes(
                        ("latchkey:schema-attribute:" + env + ":" + path).getBytes(StandardCharsets.UTF_8))
                .toString();
    }

    /** The id of the environment's one schema, {@code User}. */
    static String schemaId(String env) {
        return UUID.nameUUIDFromBytes(("latchkey:schema:" + env + ":User").getBytes(StandardCharsets.UTF_8))
                .toString();
    }

    private static SchemaAttribute attribute(
            String env,
            String path,
            String name,
            Type type,
            SchemaType schemaType,
            boolean unique,
            boolean required,
            List<SchemaAttribute> parts) {
        return new SchemaAttribute(
                id(env, path),
                env,
                name,
                type,
                schemaType,
                true,
                unique,
                required,
                false,
                null,
                null,
                List.of(),
                null,
                parts,
                0,
                0);
    }

    private static Def core(String name, Type type, boolean unique, boolean required) {
        return new Def(name, type, SchemaType.CORE, unique, required, new String[0]);
    }

    private static Def standard(String name) {
        return new Def(name, Type.STRING, SchemaType.STANDARD, false, false, new String[0]);
    }

    private static Def complex(String name, SchemaType schemaType, String... parts) {
        return new Def(name, Type.COMPLEX, schemaType, false, false, parts);
    }
}
