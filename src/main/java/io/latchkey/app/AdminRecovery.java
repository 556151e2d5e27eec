package io.latchkey.app;

import io.latchkey.access.BuiltInRole;
import io.latchkey.access.Caller;
import io.latchkey.access.RoleAssignmentService;
import io.latchkey.applications.Application;
import io.latchkey.applications.ApplicationSecretService;
import io.latchkey.applications.ApplicationService;
import io.latchkey.crypto.SecretBox;
import io.latchkey.crypto.Secrets;
import io.latchkey.storage.Database;
import io.latchkey.storage.Ids;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code latchkey bootstrap-admin}: a way back in for a locked-out operator, run where the data is and without a
 * server. Either creates a new WORKER application in the administrators environment, or (given its client id) gives an
 * existing one a new secret; the replaced secret stops working at once, since the point is to shut out whoever may
 * hold it. Either way the application ends up with the bootstrap worker's roles (Environment Admin and Identity Data
 * Admin over the organization). On PostgreSQL it is safe beside running servers: they read secrets and roles from the
 * database at every request. Embedded H2 allows one process only, so a running server must be stopped first.
 */
public final class AdminRecovery {
    /** What the operator is told: the worker's ids and its new secret, shown once. */
    public record Result(String environmentId, String clientId, String secret, boolean created) {}

    /** A refusal the operator can act on; its message is one line and carries no secret. */
    public static final class Refused extends RuntimeException {
        public Refused(String message) {
            super(message);
        }
    }

    private static final String ADMIN_ENVIRONMENT_MARKER = "admin_bootstrap";

    private AdminRecovery() {}

    /**
     * @param environmentId the administrators environment; null means the one the first start created
     * @param clientId      the worker whose secret is reset; null means a new worker
     */
    public static Result run(Config config, String environmentId, String clientId) {
        if (environmentId != null && !Ids.isUuid(environmentId))
            throw new Refused("--environment-id must be a UUID: " + environmentId);
        if (clientId != null && !Ids.isUuid(clientId)) throw new Refused("--client-id must be a UUID: " + clientId);
        boolean h2 = config.databaseUrl() == null || config.databaseUrl().isBlank();
        if (h2) requireH2DatabaseFree(config.dataDir());
        SecretBox box = masterKey(config);
        try (Database db = Database.open(
                config.databaseUrl(), config.databaseUser(), config.databasePassword(), config.dataDir())) {
            InstanceSettings settings = new InstanceSettings(db);
            String env = environmentId != null ? environmentId.toLowerCase() : bootstrapEnvironment(settings);
            if (!db.withHandle(h -> Database.environmentExists(h, env)))
                throw new Refused("There is no environment " + env + " in this database.");
            try {
                Latchkey.checkMasterKey(settings, box);
            } catch (IllegalStateException e) {
                throw new Refused(e.getMessage());
            }
            String organizationId = settings.get("organization_id")
                    .orElseThrow(() -> new Refused("This database has no organization yet: start the server once."));
            List<Caller.Grant> adminRoles = List.of(
                    new Caller.Grant(BuiltInRole.ENVIRONMENT_ADMIN, "ORGANIZATION", organizationId),
                    new Caller.Grant(BuiltInRole.IDENTITY_DATA_ADMIN, "ORGANIZATION", organizationId));
            ApplicationService applications = new ApplicationService(db, box);
            return clientId == null
                    ? createWorker(db, applications, env, adminRoles)
                    : resetWorker(db, applications, box, organizationId, env, clientId.toLowerCase(), adminRoles);
        }
    }

    private static Result createWorker(
            Database db, ApplicationService applications, String env, List<Caller.Grant> adminRoles) {
        String id = Ids.newId();
        String secret = Secrets.random(Secrets.CLIENT_SECRET_LENGTH);
        db.useTransaction(h -> {
            applications.createWorker(h, env, id, "Latchkey Admin (bootstrap-admin)", secret);
            RoleAssignmentService.assign(h, env, id, adminRoles);
        });
        return new Result(env, id, secret, true);
    }

    private static Result resetWorker(
            Database db,
            ApplicationService applications,
            SecretBox box,
            String organizationId,
            String env,
            String clientId,
            List<Caller.Grant> adminRoles) {
        Application app = applications
                .find(env, clientId)
                .orElseThrow(() -> new Refused("There is no application " + clientId + " in environment " + env + "."));
        if (!"WORKER".equals(app.type()))
            throw new Refused("Application " + clientId + " is a " + app.type() + ", not a WORKER application.");
        // No previous secret kept: whoever holds the old one is shut out now.
        String secret = new ApplicationSecretService(db, box)
                .rotate(env, clientId, null)
                .secret();
        // Roles removed from it (perhaps how the operator got locked out) are given back; held ones stay as they are.
        List<Caller.Grant> missing = new ArrayList<>(adminRoles);
        missing.removeAll(new RoleAssignmentService(db, () -> organizationId).rolesHeldBy(env, clientId));
        if (!missing.isEmpty()) db.useTransaction(h -> RoleAssignmentService.assign(h, env, clientId, missing));
        return new Result(env, clientId, secret, false);
    }

    private static String bootstrapEnvironment(InstanceSettings settings) {
        return settings.get(ADMIN_ENVIRONMENT_MARKER)
                .orElseThrow(
                        () -> new Refused(
                                "This database does not say which environment is the administrators' one: give --environment-id."));
    }

    /**
     * The master key as the server loads it, but never a new key file: a new key could not open this database's
     * secrets, and would be left behind for the next start.
     */
    static SecretBox masterKey(Config config) {
        boolean given = config.masterKey() != null && !config.masterKey().isBlank();
        if (!given && !Files.isRegularFile(config.dataDir().resolve("master.key")))
            throw new Refused("No master key: set LATCHKEY_MASTER_KEY, or give the --data-dir that holds master.key.");
        try {
            return SecretBox.load(config.masterKey(), config.dataDir());
        } catch (IllegalArgumentException e) {
            throw new Refused("The master key (LATCHKEY_MASTER_KEY or master.key) is not the base64 of 32 bytes.");
        }
    }

    /**
     * Embedded H2 admits one process: a server running on this data dir holds a lock on the file. Checked before
     * opening, so the answer is one line rather than H2's stack trace; and never a new, empty database.
     */
    static void requireH2DatabaseFree(Path dataDir) {
        Path file = dataDir.resolve("latchkey.mv.db");
        if (!Files.isRegularFile(file)) throw new Refused("There is no Latchkey database in " + dataDir + ".");
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE);
                FileLock lock = channel.tryLock()) {
            if (lock == null) throw inUse(dataDir);
        } catch (OverlappingFileLockException e) {
            throw inUse(dataDir);
        } catch (IOException e) {
            throw new Refused("Cannot open " + file + ": " + e.getMessage());
        }
    }

    private static Refused inUse(Path dataDir) {
        return new Refused("The data directory " + dataDir
                + " is in use by a running Latchkey server; stop it first (embedded H2 admits one process).");
    }
}
