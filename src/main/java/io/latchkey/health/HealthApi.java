package io.latchkey.health;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.latchkey.http.Exchange;
import io.latchkey.http.Json;
import io.latchkey.storage.Database;
import java.time.Duration;
import java.util.List;

/**
 * {@code GET /health/live} and {@code GET /health/ready} (HEAD too): {@code {"status":"UP","checks":[...]}} with 200,
 * or {@code "DOWN"} with 503, as Keycloak answers. Live only says the process answers (it checks nothing, so a
 * database outage never gets the pod restarted); ready says the database is reachable and its schema current.
 * Unauthenticated and unthrottled, as probes are; never cached.
 */
public final class HealthApi {
    /** Below the usual probe timeout (Kubernetes' default is 1 s): the answer is a clean 503, not a timeout. */
    static final Duration DATABASE_TIMEOUT = Duration.ofMillis(900);

    private final DatabaseCheck database;

    public HealthApi(Database db) {
        this.database = new DatabaseCheck(db, DATABASE_TIMEOUT);
    }

    public void live(Exchange x) {
        answer(x, List.of());
    }

    public void ready(Exchange x) {
        answer(x, List.of(database.run()));
    }

    private static void answer(Exchange x, List<Check> checks) {
        boolean up = checks.stream().allMatch(Check::up);
        ObjectNode body = Json.object().put("status", up ? "UP" : "DOWN");
        ArrayNode list = body.putArray("checks");
        for (Check c : checks) list.add(c.toJson());
        x.header("Cache-Control", "no-store");
        x.json(up ? 200 : 503, body);
    }
}
