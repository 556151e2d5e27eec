package io.latchkey.resources;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.latchkey.claims.AttributeExpression;
import io.latchkey.claims.ReservedClaimNames;
import io.latchkey.http.ApiException;
import io.latchkey.http.ErrorDetail;
import io.latchkey.http.Shape;
import io.latchkey.http.Validation;
import io.latchkey.storage.Database;
import io.latchkey.storage.Ids;
import java.util.List;
import org.jdbi.v3.core.Handle;

/**
 * The attributes (claims) of a resource: CRUD over {@code /resources/{id}/attributes}, and
 * {@link #forResource} for the token issuer.
 */
public final class ResourceAttributeService {
    static final Shape SHAPE = Shape.of()
            .string("name", f -> f.required().maxLength(256))
            .string("value", f -> f.maxLength(4096))
            .bool("idToken", Shape.optional())
            .bool("userInfo", Shape.optional())
            .bool("required", Shape.optional());

    private final Database db;
    private final ResourceStore resources = new ResourceStore();
    private final ResourceAttributeStore store = new ResourceAttributeStore();

    public ResourceAttributeService(Database db) {
        this.db = db;
    }

    /**
     * The claims of a resource for the token issuer, in creation order; attributes with a blank value (unmapped
     * predefined OpenID Connect claims) are left out, as PingOne ignores them.
     */
    public List<Attribute> forResource(Handle h, String env, String resourceId) {
        return store.list(h, env, resourceId).stream()
                .filter(a -> !a.value().isBlank())
                .map(ResourceAttribute::claim)
                .toList();
    }

    public List<ResourceAttribute> list(String env, String resourceId) {
        return db.withHandle(h -> {
            resource(h, env, resourceId);
            return store.list(h, env, resourceId);
        });
    }

    public ResourceAttribute get(String env, String resourceId, String id) {
        return db.withHandle(h -> {
            resource(h, env, resourceId);
            return store.find(h, env, resourceId, id)
                    .orElseThrow(() -> ApiException.notFound("Resource attribute", id));
        });
    }

    public ResourceAttribute create(String env, String resourceId, JsonNode body) {
        return db.inTransactionOrIfDuplicate(
                h -> {
                    Resource resource = resource(h, env, resourceId);
                    if (resource.isPingOneApi()) {
                        throw ApiException.invalidData(new ErrorDetail(
                                "CONSTRAINT_VIOLATION",
                                null,
                                "Attributes can only be added to CUSTOM and OPENID_CONNECT resources."));
                    }
                    Validation v = new Validation();
                    ObjectNode doc = SHAPE.read(body, v);
                    String name = doc.path("name").asText(null);
                    if (name != null) {
                        checkName(name, v);
                        if (v.ok() && store.idByName(h, env, resourceId, name).isPresent()) v.add(duplicate(name));
                    }
                    String value = value(resource, doc, ResourceAttribute.CUSTOM, v);
                    Placement where = placement(resource, doc, v);
                    boolean required = required(resource, doc, v);
                    v.throwIfAny();
                    long now = System.currentTimeMillis();
                    ResourceAttribute a = new ResourceAttribute(
                            Ids.newId(),
                            env,
                            resourceId,
                            name,
                            ResourceAttribute.CUSTOM,
                            value,
                            where.idToken(),
                            where.userInfo(),
                            required,
                            now,
                            now);
                    store.insert(h, a);
                    return a;
                },
                () -> ApiException.invalidData(duplicate(body.path("name").asText())));
    }

    /** PUT: CUSTOM attributes may be renamed; CORE and PREDEFINED ones keep their name and may be re-mapped. */
    public ResourceAttribute replace(String env, String resourceId, String id, JsonNode body) {
        return db.inTransactionOrIfDuplicate(
                h -> {
                    Resource resource = resource(h, env, resourceId);
                    ResourceAttribute current = store.find(h, env, resourceId, id)
                            .orElseThrow(() -> ApiException.notFound("Resource attribute", id));
                    Validation v = new Validation();
                    ObjectNode doc = SHAPE.read(body, v);
                    String name = doc.path("name").asText(null);
                    boolean renamed = name != null && !name.equals(current.name());
                    if (renamed && !current.type().equals(ResourceAttribute.CUSTOM)) {
                        v.add(ErrorDetail.invalid(
                                "name",
                                "The " + current.type() + " attribute '" + current.name() + "' cannot be renamed."));
                    } else if (name != null && current.type().equals(ResourceAttribute.CUSTOM)) {
                        // Also when unchanged: a name stored before it was reserved never reaches a token, so it must
                        // go.
                        checkName(name, v);
                        if (renamed
                                && v.ok()
                                && store.idByName(h, env, resourceId, name).isPresent()) v.add(duplicate(name));
                    }
                    String value = value(resource, doc, current.type(), v);
                    Placement where = placement(resource, doc, v);
                    boolean required = required(resource, doc, v);
                    v.throwIfAny();
                    ResourceAttribute next = new ResourceAttribute(
                            id,
                            env,
                            resourceId,
                            name,
                            current.type(),
                            value,
                            where.idToken(),
                            where.userInfo(),
                            required,
                            current.createdAt(),
                            System.currentTimeMillis());
                    store.update(h, next);
                    return next;
                },
                () -> ApiException.invalidData(duplicate(body.path("name").asText())));
    }

    public void delete(String env, String resourceId, String id) {
        db.useTransaction(h -> {
            resource(h, env, resourceId);
            ResourceAttribute a = store.find(h, env, resourceId, id)
                    .orElseThrow(() -> ApiException.notFound("Resource attribute", id));
            if (!a.type().equals(ResourceAttribute.CUSTOM)) {
                throw ApiException.invalidData(new ErrorDetail(
                        "CONSTRAINT_VIOLATION",
                        null,
                        "The " + a.type() + " attribute '" + a.name()
                                + "' cannot be deleted; it can be re-mapped with PUT."));
            }
            store.delete(h, env, resourceId, id);
        });
    }

    /** Inserts the CORE {@code sub} attribute every custom resource starts with. */
    void createCore(Handle h, String env, String resourceId, long now) {
        store.insert(
                h,
                new ResourceAttribute(
                        Ids.newId(),
                        env,
                        resourceId,
                        "sub",
                        ResourceAttribute.CORE,
                        "${user.id}",
                        null,
                        null,
                        false,
                        now,
                        now));
    }

    private Resource resource(Handle h, String env, String resourceId) {
        return resources.find(h, env, resourceId).orElseThrow(() -> ApiException.notFound("Resource", resourceId));
    }

    /**
     * Claim names: no blanks or control characters, nothing a token sets itself (on every resource type: PingOne
     * reserves them on the {@code openid} resource, and an access token's core claims cannot be replaced either).
     */
    static void checkName(String name, Validation v) {
        if (name.isBlank()) return; // the shape reported it
        if (name.chars().anyMatch(c -> Character.isWhitespace(c) || Character.isISOControl(c))) {
            v.add(ErrorDetail.invalid("name", "'name' must not contain spaces or control characters."));
        } else if (ReservedClaimNames.isReserved(name)) {
            v.add(ErrorDetail.invalid(
                    "name",
                    "'" + name + "' is a reserved claim name (reserved: " + ReservedClaimNames.describe() + ")."));
        }
    }

    /**
     * The value: required; empty only for PREDEFINED claims (an empty mapping leaves the claim out); a literal, a user
     * placeholder or an expression ({@link io.latchkey.claims.AttributeExpression}). Expressions over the token
     * request ({@code context.*}) only on custom resources: the {@code openid} resource's claims go to ID tokens and
     * userinfo, which no token request of that kind shapes.
     */
    private static String value(Resource resource, ObjectNode doc, String type, Validation v) {
        JsonNode node = doc.get("value");
        if (node == null) {
            v.add(ErrorDetail.required("value"));
            return null;
        }
        String value = node.asText();
        if (value.isBlank()) {
            if (!type.equals(ResourceAttribute.PREDEFINED)) {
                v.add(new ErrorDetail("EMPTY_VALUE", "value", "'value' must not be empty."));
            }
            return "";
        }
        try {
            if (AttributeValue.parseOrExplain(value) instanceof AttributeValue.Expression e
                    && e.readsContext()
                    && !resource.type().equals(Resource.CUSTOM)) {
                v.add(ErrorDetail.invalid(
                        "value",
                        "Expressions over context.* (the token request) apply to the access tokens of custom"
                                + " resources only."));
            }
        } catch (AttributeExpression.Invalid e) {
            v.add(ErrorDetail.invalid(
                    "value",
                    "'value' must be a literal, ${user.<attribute path>} (for example ${user.name.given}),"
                            + " ${#datetime.toUnixTimestamp(user.<attribute path>)} or an expression over user and"
                            + " context.requestData / context.appConfig (for example"
                            + " ${#root.context.requestData.subjectToken.sub}). " + e.getMessage()));
        }
        return value;
    }

    /**
     * {@code required}: an access token whose value for the attribute is empty is refused. Custom resources only:
     * the {@code openid} resource's claims have no such check in PingOne's resource attributes.
     */
    private static boolean required(Resource resource, ObjectNode doc, Validation v) {
        boolean required = doc.path("required").asBoolean(false);
        if (required && !resource.type().equals(Resource.CUSTOM)) {
            v.add(ErrorDetail.invalid("required", "'required' applies to the attributes of custom resources only."));
        }
        return required;
    }

    /** {@code idToken} / {@code userInfo}: both default to true on the openid resource and cannot both be false. */
    private record Placement(Boolean idToken, Boolean userInfo) {}

    private static Placement placement(Resource resource, ObjectNode doc, Validation v) {
        if (!resource.isOpenId()) return new Placement(null, null);
        boolean idToken = doc.path("idToken").asBoolean(true);
        boolean userInfo = doc.path("userInfo").asBoolean(true);
        if (!idToken && !userInfo) {
            v.add(ErrorDetail.invalid("idToken", "'idToken' and 'userInfo' cannot both be false."));
        }
        return new Placement(idToken, userInfo);
    }

    private static ErrorDetail duplicate(String name) {
        return ErrorDetail.unique("name", "An attribute named '" + name + "' already exists on this resource.");
    }
}
