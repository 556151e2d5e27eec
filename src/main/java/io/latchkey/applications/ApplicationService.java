package io.latchkey.applications;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.latchkey.crypto.SecretBox;
import io.latchkey.crypto.Secrets;
import io.latchkey.http.ApiException;
import io.latchkey.http.Json;
import io.latchkey.http.Page;
import io.latchkey.http.PageRequest;
import io.latchkey.http.Validation;
import io.latchkey.storage.Database;
import io.latchkey.storage.Ids;
import java.util.Optional;
import org.jdbi.v3.core.Handle;

/** Applications of an environment: every rule about creating, changing and deleting them. */
public final class ApplicationService {

    private final Database db;
    private final SecretBox box;
    private final ApplicationStore store = new ApplicationStore();

    public ApplicationService(Database db, SecretBox box) {
        this.db = db;
        this.box = box;
    }

    public ApplicationStore store() { return store; }

    public Application create(String env, JsonNode body) {
        Application app = validate(env, Ids.newId(), body, null);
        String secret = app.hasSecret() || app.tokenEndpointAuthMethod().equals("PRIVATE_KEY_JWT")
                ? box.encrypt(Secrets.random(Secrets.CLIENT_SECRET_LENGTH)) : null;
        db.useTransaction(h -> store.insert(h, app, secret));
        return app;
    }

    /** Creates a WORKER application with a given id and secret (the bootstrap administrator). */
    public Application createWorker(Handle h, String env, String id, String name, String secret) {
        ObjectNode body = Json.object();
        body.put("name", name).put("enabled", true).put("protocol", "OPENID_CONNECT").put("type", "WORKER")
                .put("tokenEndpointAuthMethod", "CLIENT_SECRET_BASIC");
        body.putArray("grantTypes").add("CLIENT_CREDENTIALS");
        Application app = validate(env, id, body, null);
        store.insert(h, app, box.encrypt(secret));
        return app;
    }

    public Application get(String env, String id) {
        return db.withHandle(h -> store.find(h, env, id)).orElseThrow(() -> ApiException.notFound("Application", id));
    }

    public Optional<Application> find(String env, String id) {
        return db.withHandle(h -> store.find(h, env, id));
    }

    public Page<Application> list(String env, PageRequest page) {
        return db.withHandle(h -> store.list(h, env, page));
    }

    /** PUT: replaces every writable attribute (omitted ones are cleared or defaulted). */
    public Application replace(String env, String id, JsonNode body) {
        return db.inTransaction(h -> {
            Application current = store.find(h, env, id).orElseThrow(() -> ApiException.notFound("Application", id));
            Application next = validate(env, id, body, current);
            store.update(h, next);
            if (next.hasSecret() && store.secrets(h, env, id).map(ApplicationStore.SecretRow::secretEnc).orElse(null) == null) {
                store.updateSecrets(h, env, id, new ApplicationStore.SecretRow(
                        box.encrypt(Secrets.random(Secrets.CLIENT_SECRET_LENGTH)), null, null));
            }
            return next;
        });
    }

    public void delete(String env, String id) {
        boolean deleted = db.inTransaction(h -> store.delete(h, env, id));
        if (!deleted) throw ApiException.notFound("Application", id);
    }

    private Application validate(String env, String id, JsonNode body, Application current) {
        Validation v = new Validation();
        ObjectNode doc = ApplicationShape.OIDC.read(body, v);
        if (current != null && doc.has("protocol") && !doc.get("protocol").asText().equals(current.protocol())) {
            v.add(io.latchkey.http.ErrorDetail.invalid("protocol", "The protocol of an application cannot be changed."));
        }
        if (doc.has("type")) ApplicationTypeRules.apply(doc.get("type").asText(), doc, v);
        v.throwIfAny();
        long now = System.currentTimeMillis();
        String name = doc.remove("name").asText();
        String protocol = doc.remove("protocol").asText();
        String type = doc.remove("type").asText();
        boolean enabled = doc.remove("enabled").asBoolean();
        return new Application(id, env, name, protocol, type, enabled, doc,
                current == null ? now : current.createdAt(), now);
    }

}
