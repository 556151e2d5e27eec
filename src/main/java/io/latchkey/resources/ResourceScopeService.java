package io.latchkey.resources;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.latchkey.http.ApiException;
import io.latchkey.http.ErrorDetail;
import io.latchkey.http.Json;
import io.latchkey.http.Shape;
import io.latchkey.http.Validation;
import io.latchkey.storage.Database;
import io.latchkey.storage.Ids;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.jdbi.v3.core.Handle;

/**
 * The scopes of a resource ({@code /resources/{id}/scopes}). Names are RFC 6749 scope tokens, unique per resource.
 * <ul>
 * <li>CUSTOM resources: any scope token except the OpenID Connect scope names and the {@code p1:} prefix, so that a
 * scope in an authorization request always names one resource (PingOne lets {@code openid} scopes ride along
 * with a custom resource's scopes in one token).</li>
 * <li>{@code openid}: its predefined scopes cannot be deleted, renamed or re-described; new ones may be added
 * (not {@code p1:...}); {@code mappedClaims} names attributes of the {@code openid} resource.</li>
 * <li>{@code PingOne API}: only {@code p1:read:user:<suffix>} and {@code p1:update:user:<suffix>}, each with
 * {@code schemaAttributes}.</li>
 * </ul>
 */
public final class ResourceScopeService {
    /** Scope names with a protocol meaning, reserved for the {@code openid} resource. */
    public static final Set<String> OPENID_SCOPE_NAMES = Set.copyOf(BuiltInResources.OPENID_SCOPES);

    static final Pattern PINGONE_API_SCOPE = Pattern.compile("p1:(read|update):user:[A-Za-z0-9._-]+");
    static final Pattern SCHEMA_PATH = Pattern.compile(AttributeValue.PATH);

    static final Shape SHAPE = Shape.of()
            .string("name", f -> f.required().maxLength(256).check(ResourceScopeService::scopeToken))
            .string("description", f -> f.maxLength(1024))
            .stringArray("schemaAttributes", f -> f.unique().maxLength(256))
            .stringArray("mappedClaims", f -> f.unique().maxLength(36));

    private final Database db;
    private final ResourceStore resources = new ResourceStore();
    private final ResourceScopeStore store = new ResourceScopeStore();
    private final ResourceAttributeStore attributes = new ResourceAttributeStore();

    public ResourceScopeService(Database db) {
        this.db = db;
    }

    public List<ResourceScope> list(String env, String resourceId) {
        return db.withHandle(h -> {
            resource(h, env, resourceId);
            return store.list(h, env, resourceId);
        });
    }

    public ResourceScope get(String env, String resourceId, String id) {
        return db.withHandle(h -> {
            resource(h, env, resourceId);
            return store.find(h, env, resourceId, id).orElseThrow(() -> ApiException.notFound("Resource scope", id));
        });
    }

    public ResourceScope create(String env, String resourceId, JsonNode body) {
        return db.inTransactionOrIfDuplicate(
                h -> {
                    Resource resource = resource(h, env, resourceId);
                    Validation v = new Validation();
                    ObjectNode doc = SHAPE.read(body, v);
                    String name = doc.path("name").asText(null);
                    if (name != null && v.ok()) {
                        checkName(resource, name, v);
                        if (v.ok() && store.idByName(h, env, resourceId, name).isPresent()) v.add(duplicate(name));
                    }
                    List<String> claims = settings(h, resource, doc, v);
                    v.throwIfAny();
                    long now = System.currentTimeMillis();
                    ResourceScope s =
                            new ResourceScope(Ids.newId(), env, resourceId, name, stored(doc), claims, now, now);
                    store.insert(h, s);
                    return s;
                },
                () -> ApiException.invalidData(duplicate(body.path("name").asText())));
    }

    public ResourceScope replace(String env, String resourceId, String id, JsonNode body) {
        return db.inTransactionOrIfDuplicate(
                h -> {
                    Resource resource = resource(h, env, resourceId);
                    ResourceScope current = store.find(h, env, resourceId, id)
                            .orElseThrow(() -> ApiException.notFound("Resource scope", id));
                    Validation v = new Validation();
                    ObjectNode doc = SHAPE.read(body, v);
                    String name = doc.path("name").asText(null);
                    boolean predefined = isPredefined(resource, current);
                    if (predefined) {
                        if (name != null && !name.equals(current.name())) {
                            v.add(ErrorDetail.invalid(
                                    "name", "The predefined scope '" + current.name() + "' cannot be renamed."));
                        }
                        String description = current.doc().path("description").asText(null);
                        if (doc.has("description")
                                && !doc.get("description").asText().equals(description)) {
                            v.add(ErrorDetail.invalid(
                                    "description",
                                    "The description of the predefined scope '" + current.name()
                                            + "' cannot be changed."));
                        }
                        if (description != null) doc.put("description", description);
                    } else if (name != null && v.ok() && !name.equals(current.name())) {
                        checkName(resource, name, v);
                        if (v.ok() && store.idByName(h, env, resourceId, name).isPresent()) v.add(duplicate(name));
                    }
                    List<String> claims = settings(h, resource, doc, v);
                    v.throwIfAny();
                    ResourceScope next = new ResourceScope(
                            id,
                            env,
                            resourceId,
                            name,
                            stored(doc),
                            claims,
                            current.createdAt(),
                            System.currentTimeMillis());
                    store.update(h, next);
                    return next;
                },
                () -> ApiException.invalidData(duplicate(body.path("name").asText())));
    }

    /** Deletes a scope; grants lose it (the grant itself stays, as the application's grant of that resource). */
    public void delete(String env, String resourceId, String id) {
        db.useTransaction(h -> {
            Resource resource = resource(h, env, resourceId);
            ResourceScope s =
                    store.find(h, env, resourceId, id).orElseThrow(() -> ApiException.notFound("Resource scope", id));
            if (isPredefined(resource, s)) {
                throw ApiException.invalidData(new ErrorDetail(
                        "CONSTRAINT_VIOLATION",
                        null,
                        "The predefined OpenID Connect scope '" + s.name() + "' cannot be deleted."));
            }
            store.delete(h, env, resourceId, id);
        });
    }

    static boolean isPredefined(Resource resource, ResourceScope scope) {
        return resource.isOpenId() && OPENID_SCOPE_NAMES.contains(scope.name());
    }

    private Resource resource(Handle h, String env, String resourceId) {
        return resources.find(h, env, resourceId).orElseThrow(() -> ApiException.notFound("Resource", resourceId));
    }

    /** RFC 6749 §3.3: {@code scope-token = 1*( %x21 / %x23-5B / %x5D-7E )}. */
    static void scopeToken(String name, Validation v) {
        if (name.isBlank()) return;
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (c < 0x21 || c == 0x22 || c == 0x5C || c > 0x7E) {
                v.add(ErrorDetail.invalid(
                        null,
                        "A scope name is one word of visible ASCII characters without '\"' or"
                                + " '\\' (RFC 6749 §3.3); '" + name + "' is not."));
                return;
            }
        }
    }

    private static void checkName(Resource resource, String name, Validation v) {
        if (resource.isCustom()) {
            if (OPENID_SCOPE_NAMES.contains(name)) {
                v.add(ErrorDetail.invalid(
                        "name",
                        "'" + name + "' is an OpenID Connect scope of the openid resource;"
                                + " a custom resource cannot define it."));
            } else if (name.startsWith("p1:")) {
                v.add(ErrorDetail.invalid(
                        "name", "Scope names starting with 'p1:' belong to the PingOne API resource."));
            }
        } else if (resource.isOpenId()) {
            if (name.startsWith("p1:")) {
                v.add(ErrorDetail.invalid(
                        "name", "Scope names starting with 'p1:' belong to the PingOne API resource."));
            }
        } else if (!PINGONE_API_SCOPE.matcher(name).matches()) {
            v.add(new ErrorDetail(
                    "INVALID_VALUE",
                    "name",
                    "The PingOne API resource accepts only p1:read:user:<suffix> and p1:update:user:<suffix> scopes.",
                    Map.of("allowedPattern", PINGONE_API_SCOPE.pattern())));
        }
    }

    /** schemaAttributes (PingOne API only) and mappedClaims (openid only); returns the claim ids. */
    private List<String> settings(Handle h, Resource resource, ObjectNode doc, Validation v) {
        List<String> claims = new ArrayList<>();
        JsonNode schema = doc.get("schemaAttributes");
        if (resource.isPingOneApi()) {
            if (schema == null) v.add(ErrorDetail.required("schemaAttributes"));
            else if (schema.isEmpty())
                v.add(new ErrorDetail("EMPTY_VALUE", "schemaAttributes", "'schemaAttributes' must not be empty."));
            else {
                boolean wildcard = false;
                for (JsonNode p : schema) {
                    if (p.asText().equals("*")) wildcard = true;
                    else if (!SCHEMA_PATH.matcher(p.asText()).matches()) {
                        v.add(ErrorDetail.invalid(
                                "schemaAttributes", "'" + p.asText() + "' is not a user attribute path."));
                    }
                }
                if (wildcard && schema.size() > 1) {
                    v.add(ErrorDetail.invalid(
                            "schemaAttributes", "'*' cannot be combined with other attribute paths."));
                }
            }
        } else if (schema != null) {
            v.add(ErrorDetail.invalid("schemaAttributes", "'schemaAttributes' applies to PingOne API scopes only."));
        }
        JsonNode mapped = doc.remove("mappedClaims");
        if (mapped != null) {
            if (!resource.isOpenId()) {
                v.add(ErrorDetail.invalid(
                        "mappedClaims", "'mappedClaims' applies to scopes of the openid resource only."));
            } else {
                for (int i = 0; i < mapped.size(); i++) {
                    String id = mapped.get(i).asText();
                    if (attributes
                            .find(h, resource.environmentId(), resource.id(), id)
                            .isEmpty()) {
                        v.add(ErrorDetail.invalid(
                                "mappedClaims[" + i + "]", "'" + id + "' is not an attribute of the openid resource."));
                    } else {
                        claims.add(id);
                    }
                }
            }
        }
        claims.sort(null);
        return claims;
    }

    private static ObjectNode stored(ObjectNode doc) {
        ObjectNode out = Json.object();
        if (doc.has("description")) out.set("description", doc.get("description"));
        if (doc.get("schemaAttributes") instanceof ArrayNode a) out.set("schemaAttributes", a);
        return out;
    }

    private static ErrorDetail duplicate(String name) {
        return ErrorDetail.unique("name", "A scope named '" + name + "' already exists on this resource.");
    }
}
