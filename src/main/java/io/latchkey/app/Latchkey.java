package io.latchkey.app;

import io.latchkey.access.ManagementAccess;
import io.latchkey.applications.ApplicationSecrets;
import io.latchkey.applications.ApplicationService;
import io.latchkey.applications.ApplicationsApi;
import io.latchkey.crypto.SecretBox;
import io.latchkey.environments.EnvironmentService;
import io.latchkey.environments.EnvironmentsApi;
import io.latchkey.http.HttpServer;
import io.latchkey.http.Links;
import io.latchkey.keys.SigningKeys;
import io.latchkey.oauth.ClientAuthenticator;
import io.latchkey.oauth.ClientCredentialsGrant;
import io.latchkey.oauth.DiscoveryEndpoint;
import io.latchkey.oauth.TokenEndpoint;
import io.latchkey.oauth.TokenIssuer;
import io.latchkey.passwords.PasswordHasher;
import io.latchkey.passwords.PasswordPoliciesApi;
import io.latchkey.passwords.PasswordPolicyService;
import io.latchkey.passwords.PasswordService;
import io.latchkey.passwords.UserPasswordsApi;
import io.latchkey.populations.PopulationService;
import io.latchkey.populations.PopulationsApi;
import io.latchkey.users.UserService;
import io.latchkey.users.UsersApi;
import io.latchkey.storage.Database;
import io.latchkey.storage.Ids;
import java.io.PrintStream;
import java.net.ServerSocket;
import java.io.IOException;

/**
 * The composition root: builds every store, service and API by constructor, starts the HTTP server, and
 * stops it (draining requests, then closing the pool).
 */
public final class Latchkey implements AutoCloseable {
    private static final String MASTER_KEY_CHECK = "master_key_check";
    private static final String MASTER_KEY_CHECK_VALUE = "latchkey";

    private final Database db;
    private final HttpServer server;
    private final String baseUrl;

    private Latchkey(Database db, HttpServer server, String baseUrl) {
        this.db = db;
        this.server = server;
        this.baseUrl = baseUrl;
    }

    public static Latchkey start(Config config) {
        return start(config, System.out);
    }

    public static Latchkey start(Config config, PrintStream console) {
        int port = config.port() == 0 ? freePort() : config.port();
        String baseUrl = config.baseUrl() != null && !config.baseUrl().isBlank() ? config.baseUrl() : "http://localhost:" + port;
        Links links = new Links(baseUrl);
        Database db = Database.open(config.databaseUrl(), config.databaseUser(), config.databasePassword(), config.dataDir());
        try {
            SecretBox box = SecretBox.load(config.masterKey(), config.dataDir());
            InstanceSettings settings = new InstanceSettings(db);
            checkMasterKey(settings, box);
            String organizationId = settings.getOrCreate("organization_id", Ids::newId);

            SigningKeys keys = new SigningKeys(db, box);
            EnvironmentService environments = new EnvironmentService(db, keys);
            ApplicationService applications = new ApplicationService(db, box);
            ApplicationSecrets applicationSecrets = new ApplicationSecrets(db, box, applications.store());
            TokenIssuer issuer = new TokenIssuer(keys, links, organizationId);
            ClientAuthenticator clients = new ClientAuthenticator(applications, applicationSecrets);
            PasswordPolicyService passwordPolicies = new PasswordPolicyService(db);
            PasswordService passwords = new PasswordService(db, new PasswordHasher(), passwordPolicies);
            PopulationService populations = new PopulationService(db);
            UserService users = new UserService(db, populations, passwords);

            Apis apis = new Apis(
                    new DiscoveryEndpoint(db, keys),
                    new TokenEndpoint(clients, new ClientCredentialsGrant(db, issuer)),
                    new EnvironmentsApi(environments, organizationId),
                    new ApplicationsApi(applications, applicationSecrets),
                    new PopulationsApi(populations),
                    new UsersApi(users),
                    new UserPasswordsApi(passwords),
                    new PasswordPoliciesApi(passwordPolicies));
            ManagementAccess access = new ManagementAccess(keys, links, db);

            new AdminBootstrap(db, environments, applications, organizationId).runIfEmpty(config, console);

            HttpServer server = new HttpServer(Routes.build(apis, access), links, port);
            server.start();
            return new Latchkey(db, server, baseUrl);
        } catch (RuntimeException e) {
            db.close();
            throw e;
        }
    }

    /** Refuses to start with a master key other than the one the database's secrets were sealed with. */
    private static void checkMasterKey(InstanceSettings settings, SecretBox box) {
        String sealed = settings.getOrCreate(MASTER_KEY_CHECK, () -> box.encrypt(MASTER_KEY_CHECK_VALUE));
        try {
            if (!MASTER_KEY_CHECK_VALUE.equals(box.decrypt(sealed))) throw new IllegalStateException();
        } catch (RuntimeException e) {
            throw new IllegalStateException("The master key does not match the one this database was created with.");
        }
    }

    private static int freePort() {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    public int port() { return server.port(); }

    public String baseUrl() { return baseUrl; }

    public Database database() { return db; }

    /** Stops accepting requests, lets in-flight ones finish, then closes the connection pool. */
    @Override
    public void close() {
        try {
            server.stop();
        } finally {
            db.close();
        }
    }
}
