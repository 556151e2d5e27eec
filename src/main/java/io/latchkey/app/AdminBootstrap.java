package io.latchkey.app;

import io.latchkey.access.BuiltInRole;
import io.latchkey.access.Caller;
import io.latchkey.access.RoleAssignmentService;
import io.latchkey.applications.ApplicationService;
import io.latchkey.crypto.Secrets;
import io.latchkey.environments.EnvironmentService;
import io.latchkey.http.Json;
import io.latchkey.storage.Database;
import io.latchkey.storage.Ids;
import java.io.PrintStream;
import java.util.List;

/**
 * On the first start with an empty database: an "Administrators" environment holding a WORKER application with
 * the Environment Admin and Identity Data Admin roles over the whole organization. Ids and secret come from
 * the configuration when given; otherwise they are generated and printed once, to the console, never to a log.
 */
final class AdminBootstrap {
    private static final String BOOTSTRAP_MARKER = "admin_bootstrap";
    private final Database db;
    private final EnvironmentService environments;
    private final ApplicationService applications;
    private final String organizationId;

    AdminBootstrap(
            Database db, EnvironmentService environments, ApplicationService applications, String organizationId) {
        this.db = db;
        this.environments = environments;
        this.applications = applications;
        this.organizationId = organizationId;
    }

    void runIfEmpty(Config config, PrintStream console) {
        if (db.withHandle(h -> environments.anyExists(h))) return;
        String envId = orGenerated(config.adminEnvironmentId());
        String clientId = orGenerated(config.adminClientId());
        boolean secretGiven = config.adminClientSecret() != null
                && !config.adminClientSecret().isBlank();
        String secret = secretGiven ? config.adminClientSecret() : Secrets.random(Secrets.CLIENT_SECRET_LENGTH);
        boolean created = db.inTransaction(h -> {
            // Two processes starting together on a new database both get here. The first to insert this marker holds
            // its row until it commits; the other's insert waits for that, then inserts nothing and leaves the
            // bootstrap to it. Checked again under the marker: an installation may predate it.
            int claimed = h.createUpdate(
                            "insert into instance_settings (name, setting_value) values (:n, :v) on conflict do nothing")
                    .bind("n", BOOTSTRAP_MARKER)
                    .bind("v", envId)
                    .execute();
            if (claimed == 0 || environments.anyExists(h)) return false;
            var body = Json.object()
                    .put("name", "Administrators")
                    .put("description", "Latchkey's administrators environment")
                    .put("region", "NA")
                    .put("type", "PRODUCTION");
            environments.create(h, envId, body);
            applications.createWorker(h, envId, clientId, "Latchkey Admin", secret);
            RoleAssignmentService.assign(
                    h,
                    envId,
                    clientId,
                    List.of(
                            new Caller.Grant(BuiltInRole.ENVIRONMENT_ADMIN, "ORGANIZATION", organizationId),
                            new Caller.Grant(BuiltInRole.IDENTITY_DATA_ADMIN, "ORGANIZATION", organizationId)));
            return true;
        });
        if (!created) return;
        console.println("Latchkey created its administrators environment and admin worker application:");
        console.println("  LATCHKEY_ADMIN_ENVIRONMENT_ID=" + envId);
        console.println("  LATCHKEY_ADMIN_CLIENT_ID=" + clientId);
        console.println("  LATCHKEY_ADMIN_CLIENT_SECRET=" + (secretGiven ? "(as configured)" : secret));
        if (!secretGiven)
            console.println("  This secret is shown once; it can be read again with GET .../applications/{id}/secret.");
    }

    private static String orGenerated(String configured) {
        if (configured == null || configured.isBlank()) return Ids.newId();
        if (!Ids.isUuid(configured)) throw new IllegalArgumentException("Admin ids must be UUIDs: " + configured);
        return configured.toLowerCase();
    }
}
