package io.latchkey.environments;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.latchkey.access.Caller;
import io.latchkey.access.RoleAssignmentService;
import io.latchkey.http.ApiException;
import io.latchkey.http.ErrorDetail;
import io.latchkey.http.FilterSql;
import io.latchkey.http.Page;
import io.latchkey.http.PageRequest;
import io.latchkey.http.Shape;
import io.latchkey.http.Validation;
import io.latchkey.keys.SigningKeyService;
import io.latchkey.storage.Database;
import io.latchkey.storage.Ids;
import io.latchkey.storage.UniqueViolations;
import java.util.Map;
import java.util.Set;
import org.jdbi.v3.core.Handle;

/** Environments: creation with PingOne's defaults, listing, replacement and deletion with all contents. */
public final class EnvironmentService {
    /** The license every environment gets when the request names none (Latchkey has no licensing). */
    public static final String DEFAULT_LICENSE_ID = "00000000-0000-4000-8000-1a7c4e000001";

    static final Shape SHAPE = Shape.of()
            .string("name", f -> f.required().maxLength(256))
            .string("description", f -> f.maxLength(1024))
            .string("region", f -> f.required().oneOf("AP", "AU", "CA", "EU", "NA", "SG"))
            .string("type", f -> f.required().oneOf("PRODUCTION", "SANDBOX"))
            .string("icon", f -> f.maxLength(2048))
            .object(
                    "license",
                    Shape.of()
                            .string(
                                    "id",
                                    f -> f.required().check((id, v) -> {
                                        if (!Ids.isUuid(id))
                                            v.add(ErrorDetail.invalid(null, "'license.id' must be a UUID."));
                                    })),
                    f -> {})
            .object(
                    "billOfMaterials",
                    Shape.of()
                            .string("solutionType", f -> f.oneOf("WORKFORCE", "CUSTOMER", "CIAM_TRIAL", "WF_TRIAL"))
                            .objectArray(
                                    "products",
                                    Shape.of()
                                            .string(
                                                    "type",
                                                    f -> f.required()
                                                            .oneOf(
                                                                    "PING_ONE_MFA",
                                                                    "PING_ONE_DAVINCI",
                                                                    "PING_ONE_ORCHESTRATE",
                                                                    "PING_ONE_RISK",
                                                                    "PING_ONE_FRAUD",
                                                                    "PING_ONE_PROVISIONING",
                                                                    "PING_DATA_SYNC",
                                                                    "PING_DATA_GOVERNANCE",
                                                                    "PING_ONE_FOR_ENTERPRISE",
                                                                    "PING_ID_SDK",
                                                                    "PING_ONE_FOR_SAAS",
                                                                    "PING_ONE_VERIFY",
                                                                    "PING_ONE_CREDENTIALS",
                                                                    "PING_ONE_AUTHORIZE",
                                                                    "PING_ONE_BASE",
                                                                    "PING_FEDERATE",
                                                                    "PING_ACCESS",
                                                                    "PING_DIRECTORY",
                                                                    "PING_AUTHORIZE",
                                                                    "PING_ID",
                                                                    "PING_ONE_ID",
                                                                    "PING_INTELLIGENCE",
                                                                    "PING_CENTRAL"))
                                            .string("description", f -> f.maxLength(1024))
                                            .object(
                                                    "console",
                                                    Shape.of()
                                                            .string(
                                                                    "href",
                                                                    f -> f.required()
                                                                            .maxLength(2048)),
                                                    f -> {})
                                            .any("tags")
                                            .any("bookmarks"),
                                    f -> f.required()),
                    f -> {});

    private static final FilterSql FILTER = new FilterSql(Map.of(
            "name", FilterSql.Column.text("name_lower", Set.of("eq", "sw")),
            "id", FilterSql.Column.exact("id", Set.of("eq"))));

    private final Database db;
    private final EnvironmentStore store = new EnvironmentStore();
    private final SigningKeyService keys;

    public EnvironmentService(Database db, SigningKeyService keys) {
        this.db = db;
        this.keys = keys;
    }

    /** Whether any environment exists, in the caller's transaction (the first start creates the administrators' one). */
    public boolean anyExists(Handle h) {
        return store.any(h);
    }

    public Environment create(JsonNode body) {
        return db.inTransactionOrIfDuplicate(h -> create(h, Ids.newId(), body), () -> nameTaken(body));
    }

    /** A concurrent write took the name between our check and our write: the same answer as the check gives. */
    private static ApiException nameTaken(JsonNode body) {
        return ApiException.invalidData(ErrorDetail.unique(
                "name", "An environment named '" + body.path("name").asText() + "' already exists."));
    }

    /** Creates an environment with a chosen id (the bootstrap's administrators environment). */
    public Environment create(Handle h, String id, JsonNode body) {
        Validation v = new Validation();
        ObjectNode doc = SHAPE.read(body, v);
        if (doc.has("name")) {
            store.idByName(h, doc.get("name").asText())
                    .ifPresent(other -> v.add(ErrorDetail.unique(
                            "name", "An environment named '" + doc.get("name").asText() + "' already exists.")));
        }
        v.throwIfAny();
        if (!doc.has("license")) doc.putObject("license").put("id", DEFAULT_LICENSE_ID);
        if (!doc.has("billOfMaterials")) {
            doc.putObject("billOfMaterials").putArray("products").addObject().put("type", "PING_ONE_BASE");
        }
        long now = System.currentTimeMillis();
        Environment e = new Environment(
                id,
                doc.remove("name").asText(),
                doc.remove("region").asText(),
                doc.remove("type").asText(),
                doc,
                now,
                now);
        store.insert(h, e);
        EnvironmentDefaults.create(h, id);
        return e;
    }

    public Environment get(String id) {
        return db.withHandle(h -> store.find(h, id)).orElseThrow(() -> ApiException.notFound("Environment", id));
    }

    /** Environments the caller can see: all with an organization-wide role, else those it holds roles in. */
    public Page<Environment> list(Caller caller, String filter, PageRequest page) {
        FilterSql.Where where = filter == null ? null : FILTER.translate(filter);
        var visible = caller.organizationWide() ? null : caller.environmentIds();
        return db.withHandle(h -> store.list(h, where, visible, page));
    }

    /** PUT: name, description, type, icon, license and bill of materials; the region cannot change. */
    public Environment replace(String id, JsonNode body) {
        return UniqueViolations.translateResult(() -> replaceChecked(id, body), () -> nameTaken(body));
    }

    private Environment replaceChecked(String id, JsonNode body) {
        return db.inTransaction(h -> {
            Environment current = store.find(h, id).orElseThrow(() -> ApiException.notFound("Environment", id));
            Validation v = new Validation();
            ObjectNode doc = SHAPE.read(body, v);
            if (doc.has("region") && !doc.get("region").asText().equals(current.region())) {
                v.add(ErrorDetail.invalid("region", "The region of an environment cannot be changed."));
            }
            if (doc.has("name")) {
                store.idByName(h, doc.get("name").asText())
                        .filter(other -> !other.equals(id))
                        .ifPresent(other -> v.add(ErrorDetail.unique(
                                "name",
                                "An environment named '" + doc.get("name").asText() + "' already exists.")));
            }
            v.throwIfAny();
            if (!doc.has("license")) doc.set("license", current.doc().get("license"));
            if (!doc.has("billOfMaterials"))
                doc.set("billOfMaterials", current.doc().get("billOfMaterials"));
            doc.remove("region");
            Environment next = new Environment(
                    id,
                    doc.remove("name").asText(),
                    current.region(),
                    doc.remove("type").asText(),
                    doc,
                    current.createdAt(),
                    System.currentTimeMillis());
            store.update(h, next);
            return next;
        });
    }

    /** Deletes the environment and everything in it, in one transaction. */
    public void delete(String id) {
        boolean deleted = db.inTransaction(h -> {
            // Roles held over this environment by applications of other environments go with it.
            RoleAssignmentService.removeScopedTo(h, "ENVIRONMENT", id);
            return store.delete(h, id);
        });
        if (!deleted) throw ApiException.notFound("Environment", id);
        keys.forget(id);
    }
}
