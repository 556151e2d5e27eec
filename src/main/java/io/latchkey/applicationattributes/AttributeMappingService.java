package io.latchkey.applicationattributes;

import com.fasterxml.jackson.databind.JsonNode;
import io.latchkey.applications.Application;
import io.latchkey.applications.ApplicationLookup;
import io.latchkey.http.ApiException;
import io.latchkey.http.ErrorDetail;
import io.latchkey.resourcegrants.GrantLookup;
import io.latchkey.resourcegrants.GrantedScope;
import io.latchkey.storage.Database;
import io.latchkey.storage.Ids;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jdbi.v3.core.Handle;

/**
 * CRUD over {@code /applications/{appId}/attributes}, every rule in {@link MappingRules}; and {@link #forTokens}, the
 * mappings as the token generator applies them. A list holds the CORE {@code sub} first, then the SCOPE mappings in
 * scope order, then the CUSTOM ones oldest first.
 */
public final class AttributeMappingService {
    private static final ApplicationLookup APPLICATIONS = new ApplicationLookup();
    private static final GrantLookup GRANTS = new GrantLookup();

    private final Database db;
    private final AttributeMappingStore store = new AttributeMappingStore();

    public AttributeMappingService(Database db) {
        this.db = db;
    }

    /** An application's mappings and the names of its environment's {@code openid} scopes, by id. */
    public record Mappings(List<AttributeMapping> all, Map<String, String> scopeNames) {}

    public Mappings list(String env, String appId) {
        return db.withHandle(h -> {
            Application app = application(h, env, appId);
            return new Mappings(all(h, app), store.openidScopes(h, env));
        });
    }

    /** The scopes of the environment's {@code openid} resource: id to name. */
    public Map<String, String> openidScopes(String env) {
        return db.withHandle(h -> store.openidScopes(h, env));
    }

    public AttributeMapping get(String env, String appId, String id) {
        return db.withHandle(h -> find(h, application(h, env, appId), id));
    }

    public AttributeMapping create(String env, String appId, JsonNode body) {
        return db.inTransactionOrIfDuplicate(
                h -> {
                    Application app = application(h, env, appId);
                    MappingRules.Draft d = MappingRules.read(body, null, taken(h, app, null), granted(h, app));
                    long now = System.currentTimeMillis();
                    AttributeMapping m = new AttributeMapping(
                            Ids.newId(),
                            env,
                            appId,
                            d.name(),
                            MappingType.CUSTOM,
                            null,
                            d.value(),
                            d.required(),
                            d.idToken(),
                            d.userInfo(),
                            d.oidcScopes(),
                            now,
                            now,
                            true);
                    store.insert(h, m);
                    return m;
                },
                () -> ApiException.invalidData(
                        MappingRules.duplicate(body.path("name").asText())));
    }

    /**
     * PUT: replaces the value, {@code required}, {@code idToken}, {@code userInfo} and (CUSTOM) the name and
     * {@code oidcScopes}. A CORE or SCOPE mapping replaced for the first time becomes a row under its id; two first
     * replacements racing each other both succeed, the later one winning, as two PUTs of one row do.
     */
    public AttributeMapping replace(String env, String appId, String id, JsonNode body) {
        try {
            return replaceOnce(env, appId, id, body, false);
        } catch (RaceLost e) {
            return replaceOnce(env, appId, id, body, true); // a concurrent first PUT stored it: this one updates it
        }
    }

    /** A CORE or SCOPE mapping's first replacement found a concurrent one had just stored it. */
    private static final class RaceLost extends RuntimeException {
        RaceLost() {
            super(null, null, false, false);
        }
    }

    private AttributeMapping replaceOnce(String env, String appId, String id, JsonNode body, boolean retried) {
        return db.inTransactionOrIfDuplicate(
                h -> {
                    Application app = application(h, env, appId);
                    AttributeMapping current = find(h, app, id);
                    MappingRules.Draft d = MappingRules.read(body, current, taken(h, app, current), granted(h, app));
                    AttributeMapping next = new AttributeMapping(
                            current.id(),
                            env,
                            appId,
                            d.name(),
                            current.type(),
                            current.scope(),
                            d.value(),
                            d.required(),
                            d.idToken(),
                            d.userInfo(),
                            d.oidcScopes(),
                            current.createdAt(),
                            System.currentTimeMillis(),
                            true);
                    if (current.stored()) store.update(h, next);
                    else store.insert(h, next);
                    return next;
                },
                () -> !retried && isDefaultId(appId, id)
                        ? new RaceLost()
                        : ApiException.invalidData(
                                MappingRules.duplicate(body.path("name").asText())));
    }

    public void delete(String env, String appId, String id) {
        db.useTransaction(h -> {
            AttributeMapping m = find(h, application(h, env, appId), id);
            if (m.type() != MappingType.CUSTOM) {
                throw ApiException.invalidData(new ErrorDetail(
                        "CONSTRAINT_VIOLATION",
                        null,
                        "The " + m.type() + " mapping '" + m.name()
                                + "' cannot be deleted; its value can be replaced with PUT."));
            }
            store.delete(h, env, appId, id);
        });
    }

    /**
     * The mappings of application {@code appId} as tokens apply them (the defaults when it has none stored, or when
     * it no longer exists), with the names of the scopes CUSTOM mappings are limited to.
     */
    Mappings forTokens(String env, String appId) {
        return db.withHandle(h -> {
            List<AttributeMapping> stored = store.list(h, env, appId);
            boolean limited = stored.stream().anyMatch(m -> m.oidcScopes() != null);
            return new Mappings(merged(env, appId, 0, stored), limited ? store.openidScopes(h, env) : Map.of());
        });
    }

    private List<AttributeMapping> all(Handle h, Application app) {
        return merged(app.environmentId(), app.id(), app.createdAt(), store.list(h, app.environmentId(), app.id()));
    }

    /** The defaults, each replaced by its row when it has one, then the CUSTOM rows. */
    private static List<AttributeMapping> merged(
            String env, String appId, long createdAt, List<AttributeMapping> rows) {
        List<AttributeMapping> out = new ArrayList<>();
        for (DefaultMappings.Default d : DefaultMappings.ALL) {
            String id = DefaultMappings.idOf(appId, d.name());
            out.add(rows.stream()
                    .filter(r -> r.id().equals(id))
                    .findFirst()
                    .orElseGet(() -> DefaultMappings.of(d, env, appId, createdAt)));
        }
        rows.stream().filter(r -> r.type() == MappingType.CUSTOM).forEach(out::add);
        return out;
    }

    private AttributeMapping find(Handle h, Application app, String id) {
        Optional<AttributeMapping> row = store.find(h, app.environmentId(), app.id(), id);
        if (row.isPresent()) return row.get();
        return DefaultMappings.ALL.stream()
                .filter(d -> DefaultMappings.idOf(app.id(), d.name()).equals(id))
                .findFirst()
                .map(d -> DefaultMappings.of(d, app.environmentId(), app.id(), app.createdAt()))
                .orElseThrow(() -> ApiException.notFound("Application attribute mapping", id));
    }

    private static boolean isDefaultId(String appId, String id) {
        return DefaultMappings.ALL.stream()
                .anyMatch(d -> DefaultMappings.idOf(appId, d.name()).equals(id));
    }

    /** The names other mappings of the application hold (the defaults' included), {@code except} aside. */
    private List<String> taken(Handle h, Application app, AttributeMapping except) {
        return all(h, app).stream()
                .filter(m -> except == null || !m.id().equals(except.id()))
                .map(AttributeMapping::name)
                .toList();
    }

    /** The {@code openid} resource's scopes: which are granted to the application, and every one's name by id. */
    private MappingRules.Scopes granted(Handle h, Application app) {
        Map<String, String> names = store.openidScopes(h, app.environmentId());
        List<String> granted = GRANTS.scopesOf(h, app.environmentId(), app.id()).stream()
                .filter(s -> names.containsKey(s.scopeId()))
                .map(GrantedScope::scopeId)
                .toList();
        return new MappingRules.Scopes(names, granted);
    }

    private static Application application(Handle h, String env, String appId) {
        return APPLICATIONS.find(h, env, appId).orElseThrow(() -> ApiException.notFound("Application", appId));
    }
}
