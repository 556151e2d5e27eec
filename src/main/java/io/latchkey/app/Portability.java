package io.latchkey.app;

import io.latchkey.activities.ActivityLog;
import io.latchkey.crypto.SecretBox;
import io.latchkey.mfa.settings.MfaSettingsService;
import io.latchkey.passwords.PasswordHasher;
import io.latchkey.passwords.PasswordPolicyService;
import io.latchkey.passwords.PasswordService;
import io.latchkey.populations.PopulationService;
import io.latchkey.portability.EnvironmentExporter;
import io.latchkey.portability.EnvironmentImporter;
import io.latchkey.portability.ExportOptions;
import io.latchkey.portability.Progress;
import io.latchkey.portability.UserImport;
import io.latchkey.schemas.UserAttributeValues;
import io.latchkey.storage.Database;
import io.latchkey.storage.Ids;
import io.latchkey.users.UserService;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.Reader;
import java.nio.file.Files;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * {@code latchkey export}, {@code import} and {@code import-users}, run where the data is, as
 * {@link AdminRecovery}: opens the database with the server's options, checks the master key, and hands over to
 * {@code io.latchkey.portability}. Embedded H2 admits one process, so a running server must be stopped first.
 */
public final class Portability {
    private static final String ORGANIZATION_ID = "organization_id";
    private static final String ADMIN_ENVIRONMENT = "admin_bootstrap";

    private Portability() {}

    /** Writes the export of {@code options} to {@code out}. */
    public static EnvironmentExporter.Counts export(
            Config config, ExportOptions options, OutputStream out, Progress progress) {
        for (String env : options.environmentIds())
            if (!Ids.isUuid(env)) throw new AdminRecovery.Refused("--environment must be a UUID: " + env);
        return withDatabase(config, false, (db, box) -> {
            for (String env : options.environmentIds())
                if (!db.withHandle(h -> Database.environmentExists(h, env)))
                    throw new AdminRecovery.Refused("There is no environment " + env + " in this database.");
            InstanceSettings settings = new InstanceSettings(db);
            Map<String, String> header = new LinkedHashMap<>();
            settings.get(ORGANIZATION_ID).ifPresent(v -> header.put("organizationId", v));
            EnvironmentExporter exporter = new EnvironmentExporter(db, box);
            settings.get(ADMIN_ENVIRONMENT)
                    .filter(exporter.environments(options)::contains)
                    .ifPresent(v -> header.put("administratorsEnvironmentId", v));
            return exporter.export(options, header, out, progress);
        });
    }

    /**
     * Imports {@code in}. Into a database without an organization yet (a new one), the file's organization id and
     * administrators environment are taken over, so that the roles its workers hold over the organization still hold.
     */
    public static EnvironmentImporter.Result importFrom(
            Config config, InputStream in, long size, boolean dryRun, Progress progress) {
        return withDatabase(config, true, (db, box) -> {
            InstanceSettings settings = new InstanceSettings(db);
            EnvironmentImporter.Result result = new EnvironmentImporter(db, box).importFrom(in, size, dryRun, progress);
            if (!dryRun) {
                String org = result.header().get("organizationId");
                if (org != null && Ids.isUuid(org)) settings.getOrCreate(ORGANIZATION_ID, () -> org);
                String admin = result.header().get("administratorsEnvironmentId");
                if (admin != null && db.withHandle(h -> Database.environmentExists(h, admin)))
                    settings.getOrCreate(ADMIN_ENVIRONMENT, () -> admin);
            }
            return result;
        });
    }

    /**
     * Imports users into {@code env} ({@code populationId} null: each line's own, or the default population). Clear
     * passwords are hashed at the configured Argon2id cost, as the server would.
     */
    public static UserImport.Summary importUsers(
            Config config,
            String env,
            String populationId,
            Reader in,
            UserImport.Format format,
            long lines,
            Progress progress) {
        if (!Ids.isUuid(env)) throw new AdminRecovery.Refused("--environment must be a UUID: " + env);
        if (populationId != null && !Ids.isUuid(populationId))
            throw new AdminRecovery.Refused("--population must be a UUID: " + populationId);
        return withDatabase(config, false, (db, box) -> {
            if (!db.withHandle(h -> Database.environmentExists(h, env)))
                throw new AdminRecovery.Refused("There is no environment " + env + " in this database.");
            PopulationService populations = new PopulationService(db);
            if (populationId != null && !db.withHandle(h -> populations.exists(h, env, populationId)))
                throw new AdminRecovery.Refused(
                        "There is no population " + populationId + " in environment " + env + ".");
            PasswordService passwords = new PasswordService(
                    db,
                    new PasswordHasher(
                            config.passwordHashing() != null ? config.passwordHashing() : PasswordHasher.Cost.DEFAULT),
                    new PasswordPolicyService(db),
                    // Used for sign-on events only; an import records no activity (it is not a request).
                    new ActivityLog(db, Config.DEFAULT_ACTIVITY_RETENTION));
            MfaSettingsService mfaSettings = new MfaSettingsService(db);
            UserService users = new UserService(
                    db,
                    populations,
                    passwords,
                    e -> mfaSettings.get(e).newUsersMfaEnabled(),
                    new UserAttributeValues());
            return new UserImport(users, env, populationId, progress).run(in, format, lines);
        });
    }

    private interface Work<R> {
        R run(Database db, SecretBox box);
    }

    private static <R> R withDatabase(Config config, boolean mayCreate, Work<R> work) {
        boolean h2 = config.databaseUrl() == null || config.databaseUrl().isBlank();
        boolean exists = !h2 || Files.isRegularFile(config.dataDir().resolve("latchkey.mv.db"));
        if (exists && h2) AdminRecovery.requireH2DatabaseFree(config.dataDir());
        if (!exists && !mayCreate)
            throw new AdminRecovery.Refused("There is no Latchkey database in " + config.dataDir() + ".");
        // A new database gets a master key as at a server's first start; an existing one needs the one it has.
        SecretBox box = exists ? AdminRecovery.masterKey(config) : newDatabaseKey(config);
        try (Database db = Database.open(
                config.databaseUrl(), config.databaseUser(), config.databasePassword(), config.dataDir())) {
            try {
                Latchkey.checkMasterKey(new InstanceSettings(db), box);
            } catch (IllegalStateException e) {
                throw new AdminRecovery.Refused(e.getMessage());
            }
            return work.run(db, box);
        }
    }

    private static SecretBox newDatabaseKey(Config config) {
        try {
            Files.createDirectories(config.dataDir());
            return SecretBox.load(config.masterKey(), config.dataDir());
        } catch (java.io.IOException | IllegalArgumentException e) {
            throw new AdminRecovery.Refused(
                    "The master key (LATCHKEY_MASTER_KEY or master.key) is not the base64 of 32 bytes.");
        }
    }
}
