package io.latchkey.resources;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.latchkey.crypto.SecretBox;
import io.latchkey.crypto.Secrets;
import io.latchkey.http.ApiException;
import io.latchkey.http.ErrorDetail;
import io.latchkey.http.FilterSql;
import io.latchkey.http.Json;
import io.latchkey.http.Page;
import io.latchkey.http.PageRequest;
import io.latchkey.http.Shape;
import io.latchkey.http.Validation;
import io.latchkey.storage.Database;
import io.latchkey.storage.Ids;
import io.latchkey.storage.RecentReads;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Resources of an environment: every rule about creating, changing and deleting them.
 * <ul>
 * <li>Only CUSTOM resources can be created or deleted; {@code name} is required, unique in the environment and
 * immutable.</li>
 * <li>{@code audience} defaults to the name; it has no fragment and (for custom resources) contains neither
 * {@code pingone} nor {@code pingidentity}, so no custom token can pass for a PingOne API token.</li>
 * <li>Built-in resources: PUT may change {@code description} and {@code accessTokenValiditySeconds} only.</li>
 * <li>A new custom resource gets a secret (for introspection) and the CORE attribute {@code sub = ${user.id}}.</li>
 * </ul>
 */
public final class ResourceService {
    public static final int SECRET_LENGTH = 64;

    static final Shape SHAPE = Shape.of()
            .string("name", f -> f.required().maxLength(256))
            .string("description", f -> f.maxLength(1024))
            .string("type", f -> f.oneOf(Resource.OPENID_CONNECT, Resource.PINGONE_API, Resource.CUSTOM))
            .string("audience", f -> f.maxLength(2048).check(ResourceService::audienceShape))
            .integer("accessTokenValiditySeconds", f -> f.range(300, 2592000).defaultValue(3600))
            .string(
                    "introspectEndpointAuthMethod",
                    f -> f.oneOf("NONE", "CLIENT_SECRET_BASIC", "CLIENT_SECRET_POST")
                            .defaultValue("CLIENT_SECRET_BASIC"))
            .object(
                    "applicationPermissionsSettings",
                    Shape.of().bool("claimEnabled", f -> f.defaultValue(false)),
                    f -> {})
            .any("clientId")
            .any("clientSecret");

    private static final FilterSql FILTER = new FilterSql(Map.of(
            "name", FilterSql.Column.exact("name", Set.of("eq", "sw")),
            "type", FilterSql.Column.exact("type", Set.of("eq")),
            "audience", FilterSql.Column.exact("audience", Set.of("eq")),
            "id", FilterSql.Column.exact("id", Set.of("eq"))));

    private final Database db;
    private final SecretBox box;
    private final ResourceStore store = new ResourceStore();
    private final ResourceAttributeService attributes;
    /**
     * By "env/id", also what is not a resource: introspection looks up every client id as a resource first. Ids are
     * never reused, so an id that is not a resource stays one that is not (until its bound, like the rest).
     */
    private final RecentReads.Reads<String, Optional<Resource>> recent;

    public ResourceService(Database db, SecretBox box) {
        this.db = db;
        this.box = box;
        this.attributes = new ResourceAttributeService(db);
        this.recent = db.recentReads().cache(10_000);
    }

    public Resource create(String env, JsonNode body) {
        Validation v = new Validation();
        ObjectNode doc = SHAPE.read(body, v);
        if (doc.has("type") && !doc.get("type").asText().equals(Resource.CUSTOM)) {
            v.add(ErrorDetail.invalid(
                    "type", "Only CUSTOM resources can be created; OPENID_CONNECT and PINGONE_API are built in."));
        }
        refuseImport(doc, v);
        String name = doc.path("name").asText(null);
        String audience = customAudience(doc, name, v);
        return db.inTransactionOrIfDuplicate(
                h -> {
                    Database.requireEnvironment(h, env);
                    if (name != null && store.idByName(h, env, name).isPresent()) v.add(duplicate(name));
                    v.throwIfAny();
                    long now = System.currentTimeMillis();
                    Resource r =
                            new Resource(Ids.newId(), env, name, Resource.CUSTOM, audience, customDoc(doc), now, now);
                    store.insert(h, r, box.encrypt(Secrets.random(SECRET_LENGTH)));
                    attributes.createCore(h, env, r.id(), now);
                    return r;
                },
                () -> ApiException.invalidData(duplicate(name)));
    }

    public Resource get(String env, String id) {
        return db.withHandle(h -> store.find(h, env, id)).orElseThrow(() -> ApiException.notFound("Resource", id));
    }

    /**
     * The resource, as read at most {@link RecentReads#BOUND} ago (changes through this process show at once): for
     * client authentication at introspection. {@link #get} reads the database.
     */
    public Optional<Resource> find(String env, String id) {
        return recent.get(env + "/" + id, () -> Optional.of(db.withHandle(h -> store.find(h, env, id))))
                .orElseThrow();
    }

    /** A page of the environment's resources, optionally filtered ({@code name eq|sw}, {@code type eq}, ...). */
    public Page<Resource> list(String env, String filter, PageRequest page) {
        FilterSql.Where where = filter == null ? null : FILTER.translate(filter);
        return db.withHandle(h -> {
            Database.requireEnvironment(h, env);
            return store.list(h, env, where, page);
        });
    }

    /** PUT: replaces the writable settings; the name and type never change. */
    public Resource replace(String env, String id, JsonNode body) {
        return db.inTransaction(h -> {
            Resource current = store.find(h, env, id).orElseThrow(() -> ApiException.notFound("Resource", id));
            Validation v = new Validation();
            ObjectNode doc = SHAPE.read(body, v);
            String name = doc.path("name").asText(null);
            if (name != null && !name.equals(current.name())) {
                v.add(ErrorDetail.invalid("name", "The name of a resource cannot be changed."));
            }
            if (doc.has("type") && !doc.get("type").asText().equals(current.type())) {
                v.add(ErrorDetail.invalid("type", "The type of a resource cannot be changed."));
            }
            refuseImport(doc, v);
            String audience;
            ObjectNode next;
            if (current.isCustom()) {
                audience = customAudience(doc, current.name(), v);
                next = customDoc(doc);
            } else {
                audience = current.audience();
                if (doc.has("audience") && !doc.get("audience").asText().equals(current.audience())) {
                    v.add(ErrorDetail.invalid("audience", "The audience of a built-in resource cannot be changed."));
                }
                for (String customOnly :
                        new String[] {"introspectEndpointAuthMethod", "applicationPermissionsSettings"}) {
                    if (body != null && body.hasNonNull(customOnly)) {
                        v.add(ErrorDetail.invalid(
                                customOnly, "'" + customOnly + "' applies to custom resources only."));
                    }
                }
                next = Json.object();
                if (doc.has("description")) next.set("description", doc.get("description"));
                next.set("accessTokenValiditySeconds", doc.get("accessTokenValiditySeconds"));
            }
            v.throwIfAny();
            Resource r = new Resource(
                    id,
                    env,
                    current.name(),
                    current.type(),
                    audience,
                    next,
                    current.createdAt(),
                    System.currentTimeMillis());
            store.update(h, r);
            return r;
        });
    }

    /** Deletes a custom resource with its scopes, attributes, secret and the grants of it (cascade). */
    public void delete(String env, String id) {
        db.useTransaction(h -> {
            Resource r = store.find(h, env, id).orElseThrow(() -> ApiException.notFound("Resource", id));
            if (!r.isCustom()) {
                throw ApiException.invalidData(new ErrorDetail(
                        "CONSTRAINT_VIOLATION",
                        null,
                        "The built-in resource '" + r.name() + "' (" + r.type() + ") cannot be deleted."));
            }
            store.delete(h, env, id);
        });
    }

    /** Audience syntax, for any resource: not empty, no fragment. */
    static void audienceShape(String value, Validation v) {
        if (value.isBlank()) v.add(new ErrorDetail("EMPTY_VALUE", null, "'audience' must not be empty."));
        else if (value.contains("#")) v.add(ErrorDetail.invalid(null, "'audience' must not contain a fragment ('#')."));
    }

    /** The audience of a custom resource (explicit, else the name), which must not look like PingOne's own. */
    private static String customAudience(ObjectNode doc, String name, Validation v) {
        String audience = doc.has("audience") ? doc.get("audience").asText() : name;
        if (audience == null) return null;
        String lower = audience.toLowerCase(Locale.ROOT);
        if (lower.contains("pingone") || lower.contains("pingidentity")) {
            v.add(
                    ErrorDetail.invalid(
                            "audience",
                            doc.has("audience")
                                    ? "'audience' must not contain 'pingone' or 'pingidentity'."
                                    : "'audience' defaults to the name, which must then not contain 'pingone' or 'pingidentity'; give an audience."));
        }
        return audience;
    }

    private static ObjectNode customDoc(ObjectNode doc) {
        ObjectNode out = Json.object();
        if (doc.has("description")) out.set("description", doc.get("description"));
        out.set("accessTokenValiditySeconds", doc.get("accessTokenValiditySeconds"));
        out.set("introspectEndpointAuthMethod", doc.get("introspectEndpointAuthMethod"));
        ObjectNode settings = out.putObject("applicationPermissionsSettings");
        settings.put(
                "claimEnabled",
                doc.path("applicationPermissionsSettings").path("claimEnabled").asBoolean(false));
        return out;
    }

    /** {@code clientId}/{@code clientSecret}: PingOne's import feature, behind a flag Latchkey does not offer. */
    private static void refuseImport(ObjectNode doc, Validation v) {
        for (String field : new String[] {"clientId", "clientSecret"}) {
            if (doc.has(field)) {
                v.add(ErrorDetail.invalid(
                        field, "Importing resources with '" + field + "' is not enabled in this environment."));
            }
        }
    }

    private static ErrorDetail duplicate(String name) {
        return ErrorDetail.unique("name", "A resource named '" + name + "' already exists in this environment.");
    }
}
