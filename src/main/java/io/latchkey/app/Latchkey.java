package io.latchkey.app;

import io.latchkey.access.ManagementAccess;
import io.latchkey.applications.ApplicationSecrets;
import io.latchkey.applications.ApplicationService;
import io.latchkey.applications.ApplicationsApi;
import io.latchkey.authorize.ApplicationPermissionService;
import io.latchkey.authorize.ApplicationPermissionsApi;
import io.latchkey.authorize.ApplicationResourceService;
import io.latchkey.authorize.ApplicationRoleService;
import io.latchkey.authorize.PermissionClaims;
import io.latchkey.authorize.UserApplicationRoleService;
import io.latchkey.authorize.UserLookup;
import io.latchkey.crypto.SecretBox;
import io.latchkey.environments.EnvironmentService;
import io.latchkey.environments.EnvironmentsApi;
import io.latchkey.http.HttpServer;
import io.latchkey.http.Links;
import io.latchkey.keys.SigningKeys;
import io.latchkey.flows.FlowApi;
import io.latchkey.flows.FlowService;
import io.latchkey.flows.SignOnPage;
import io.latchkey.notify.OutboxNotifier;
import io.latchkey.oauth.AccessTokenVerifier;
import io.latchkey.oauth.AuthorizationCodeGrant;
import io.latchkey.oauth.IntrospectEndpoint;
import io.latchkey.oauth.ResourceClients;
import io.latchkey.oauth.RevokeEndpoint;
import io.latchkey.oauth.SignoffEndpoint;
import io.latchkey.oauth.UserinfoEndpoint;
import io.latchkey.resources.ResourceSecrets;
import io.latchkey.oauth.AuthorizationCodes;
import io.latchkey.oauth.AuthorizeEndpoint;
import io.latchkey.oauth.ClientAuthenticator;
import io.latchkey.oauth.RefreshTokenGrant;
import io.latchkey.oauth.RefreshTokens;
import io.latchkey.oauth.ResumeEndpoint;
import io.latchkey.oauth.ScopeResolver;
import io.latchkey.oauth.TokenRevocations;
import io.latchkey.oauth.UserTokens;
import io.latchkey.passwords.PasswordService;
import io.latchkey.policies.SignOnPolicies;
import io.latchkey.sessions.SessionService;
import io.latchkey.users.UserService;
import io.latchkey.oauth.ClientCredentialsGrant;
import io.latchkey.oauth.DiscoveryEndpoint;
import io.latchkey.oauth.TokenEndpoint;
import io.latchkey.oauth.TokenIssuer;
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
            ClientAuthenticator clients = new ClientAuthenticator(applications, applicationSecrets, db, links);
            UserService users = new UserService();
            PasswordService passwords = new PasswordService();
            SessionService sessions = new SessionService(db);
            SignOnPolicies policies = new SignOnPolicies();
            FlowService flows = new FlowService(db, users, passwords, sessions, policies, new OutboxNotifier(config.dataDir()));
            FlowApi flowApi = new FlowApi(flows, applications, users, passwords);
            ScopeResolver scopes = new ScopeResolver(db);
            AuthorizationCodes codes = new AuthorizationCodes(db);
            TokenRevocations revocations = new TokenRevocations(db);
            RefreshTokens refreshTokens = new RefreshTokens(db);
            PermissionClaims permissionClaims = new PermissionClaims(db);
            // TODO(merge): UserLookup = (env, id) -> users.find(env, id).isPresent() once the users feature is in.
            UserApplicationRoleService userApplicationRoles = new UserApplicationRoleService(db, UserLookup.ANY);
            UserTokens userTokens = new UserTokens(db, issuer, refreshTokens, revocations, links, permissionClaims);
            ResumeEndpoint resume = new ResumeEndpoint(flows, applications, sessions, codes, users);
            AccessTokenVerifier verifier = new AccessTokenVerifier(keys, links, revocations);

            Apis apis = new Apis(
                    new DiscoveryEndpoint(db, keys),
                    new TokenEndpoint(clients, new ClientCredentialsGrant(db, issuer),
                            new AuthorizationCodeGrant(codes, revocations, users, scopes, userTokens),
                            new RefreshTokenGrant(db, refreshTokens, revocations, users, scopes, userTokens)),
                    new AuthorizeEndpoint(applications, scopes, sessions, flows, users, resume),
                    resume,
                    new IntrospectEndpoint(clients, new ResourceClients(db, new ResourceSecrets()), verifier, refreshTokens),
                    new UserinfoEndpoint(verifier, users, permissionClaims),
                    new RevokeEndpoint(clients, verifier, refreshTokens, revocations),
                    new SignoffEndpoint(verifier, applications, sessions),
                    flowApi,
                    new SignOnPage(flows, flowApi),
                    new EnvironmentsApi(environments, organizationId),
                    new ApplicationsApi(applications, applicationSecrets),
                    new ApplicationPermissionsApi(new ApplicationResourceService(db), new ApplicationPermissionService(db),
                            new ApplicationRoleService(db), userApplicationRoles));
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
