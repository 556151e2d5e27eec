package io.latchkey.app;

import io.latchkey.access.GroupRoleAssignmentService;
import io.latchkey.access.RoleAssignmentService;
import io.latchkey.access.RoleAssignmentsApi;
import io.latchkey.access.RolesApi;
import io.latchkey.access.UserRoleAssignmentService;
import io.latchkey.access.UserRoleAssignmentsApi;
import io.latchkey.activities.ActivitiesApi;
import io.latchkey.activities.ActivityLog;
import io.latchkey.activities.ActivityService;
import io.latchkey.activities.ManagementActivities;
import io.latchkey.applicationattributes.ApplicationClaims;
import io.latchkey.applicationattributes.AttributeMappingService;
import io.latchkey.applicationattributes.AttributeMappingsApi;
import io.latchkey.applicationpermissions.ApplicationPermissionService;
import io.latchkey.applicationpermissions.ApplicationPermissionsApi;
import io.latchkey.applicationpermissions.ApplicationResourceService;
import io.latchkey.applicationpermissions.ApplicationRoleService;
import io.latchkey.applicationpermissions.PermissionClaims;
import io.latchkey.applicationpermissions.UserApplicationRoleService;
import io.latchkey.applications.ApplicationSecretService;
import io.latchkey.applications.ApplicationService;
import io.latchkey.applications.ApplicationsApi;
import io.latchkey.applications.SignOnPolicyAssignmentService;
import io.latchkey.applications.SignOnPolicyAssignmentsApi;
import io.latchkey.crypto.SecretBox;
import io.latchkey.environments.EnvironmentService;
import io.latchkey.environments.EnvironmentsApi;
import io.latchkey.environments.Organization;
import io.latchkey.flows.FlowApi;
import io.latchkey.flows.FlowMetrics;
import io.latchkey.flows.FlowService;
import io.latchkey.flows.SignOnPage;
import io.latchkey.groups.GroupClaimAttributes;
import io.latchkey.groups.GroupMembershipsApi;
import io.latchkey.groups.GroupService;
import io.latchkey.groups.GroupsApi;
import io.latchkey.groups.MembershipService;
import io.latchkey.health.HealthApi;
import io.latchkey.http.AccessLog;
import io.latchkey.http.HttpServer;
import io.latchkey.http.Links;
import io.latchkey.http.RequestMetrics;
import io.latchkey.http.RouteTable;
import io.latchkey.http.TlsEdge;
import io.latchkey.keys.KeyRotationPoliciesApi;
import io.latchkey.keys.KeyRotationPolicyService;
import io.latchkey.keys.KeyService;
import io.latchkey.keys.KeysApi;
import io.latchkey.keys.SigningKeyService;
import io.latchkey.managementauth.ManagementAccess;
import io.latchkey.metrics.MetricsApi;
import io.latchkey.metrics.ServerMetrics;
import io.latchkey.mfa.authentications.DeviceAuthenticationService;
import io.latchkey.mfa.authentications.DeviceAuthenticationsApi;
import io.latchkey.mfa.devices.DeviceService;
import io.latchkey.mfa.devices.DeviceSignOn;
import io.latchkey.mfa.devices.DevicesApi;
import io.latchkey.mfa.devices.PolicyDeviceValues;
import io.latchkey.mfa.devices.WebAuthnCeremonies;
import io.latchkey.mfa.policies.MfaPoliciesApi;
import io.latchkey.mfa.policies.MfaPolicy;
import io.latchkey.mfa.policies.MfaPolicyService;
import io.latchkey.mfa.settings.MfaSettingsApi;
import io.latchkey.mfa.settings.MfaSettingsService;
import io.latchkey.notify.HttpSmsNotifier;
import io.latchkey.notify.Notifier;
import io.latchkey.notify.OutboxNotifier;
import io.latchkey.notify.RoutingNotifier;
import io.latchkey.notify.SmtpNotifier;
import io.latchkey.oauth.AccessTokenVerifier;
import io.latchkey.oauth.AuthorizationCodeGrant;
import io.latchkey.oauth.AuthorizationCodes;
import io.latchkey.oauth.AuthorizationResponses;
import io.latchkey.oauth.AuthorizeEndpoint;
import io.latchkey.oauth.AuthorizeRequestParser;
import io.latchkey.oauth.AuthorizeService;
import io.latchkey.oauth.ClientAuthenticator;
import io.latchkey.oauth.ClientCredentialsGrant;
import io.latchkey.oauth.ClientOrigins;
import io.latchkey.oauth.DeviceAuthorizationEndpoint;
import io.latchkey.oauth.DeviceAuthorizationService;
import io.latchkey.oauth.DeviceCodeGrant;
import io.latchkey.oauth.DeviceGrantSteps;
import io.latchkey.oauth.DeviceVerificationPage;
import io.latchkey.oauth.DiscoveryEndpoint;
import io.latchkey.oauth.IntrospectEndpoint;
import io.latchkey.oauth.PushedAuthorizationRequestEndpoint;
import io.latchkey.oauth.RefreshTokenGrant;
import io.latchkey.oauth.RefreshTokens;
import io.latchkey.oauth.ResourceClients;
import io.latchkey.oauth.ResumeEndpoint;
import io.latchkey.oauth.RevokeEndpoint;
import io.latchkey.oauth.ScopeResolver;
import io.latchkey.oauth.SignoffEndpoint;
import io.latchkey.oauth.TokenEndpoint;
import io.latchkey.oauth.TokenExchangeGrant;
import io.latchkey.oauth.TokenGenerator;
import io.latchkey.oauth.TokenLifetimes;
import io.latchkey.oauth.TokenMetrics;
import io.latchkey.oauth.TokenRevocations;
import io.latchkey.oauth.TokenSigner;
import io.latchkey.oauth.UserinfoEndpoint;
import io.latchkey.passwords.PasswordHasher;
import io.latchkey.passwords.PasswordPoliciesApi;
import io.latchkey.passwords.PasswordPolicyService;
import io.latchkey.passwords.PasswordService;
import io.latchkey.passwords.UserPasswordsApi;
import io.latchkey.policies.SignOnPoliciesApi;
import io.latchkey.policies.SignOnPolicyActionService;
import io.latchkey.policies.SignOnPolicyLookup;
import io.latchkey.policies.SignOnPolicyService;
import io.latchkey.populations.PopulationService;
import io.latchkey.populations.PopulationsApi;
import io.latchkey.resourcegrants.GrantService;
import io.latchkey.resourcegrants.GrantsApi;
import io.latchkey.resources.ResourceAttributeService;
import io.latchkey.resources.ResourceScopeService;
import io.latchkey.resources.ResourceSecretService;
import io.latchkey.resources.ResourceService;
import io.latchkey.resources.ResourcesApi;
import io.latchkey.schemas.SchemaService;
import io.latchkey.schemas.SchemasApi;
import io.latchkey.schemas.UserAttributeValues;
import io.latchkey.sessions.SessionService;
import io.latchkey.sessions.UserSessions;
import io.latchkey.sessions.UserSessionsApi;
import io.latchkey.storage.Database;
import io.latchkey.storage.Housekeeping;
import io.latchkey.storage.Ids;
import io.latchkey.throttle.ClientAddresses;
import io.latchkey.throttle.FailedCheckLimit;
import io.latchkey.throttle.RequestLimit;
import io.latchkey.throttle.ThrottleSettings;
import io.latchkey.users.UserService;
import io.latchkey.users.UsersApi;
import java.io.IOException;
import java.io.PrintStream;
import java.net.ServerSocket;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

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
    private final Housekeeping housekeeping;
    // Not an HttpServer field: tests find the main server's router by the field's type (hardening.LiveRoutes).
    private final Optional<HttpServer> management;
    private final ServerMetrics metrics;

    private Latchkey(
            Database db,
            HttpServer server,
            String baseUrl,
            Housekeeping housekeeping,
            Optional<HttpServer> management,
            ServerMetrics metrics) {
        this.db = db;
        this.server = server;
        this.baseUrl = baseUrl;
        this.housekeeping = housekeeping;
        this.management = management;
        this.metrics = metrics;
    }

    public static Latchkey start(Config config) {
        return start(config, System.out);
    }

    public static Latchkey start(Config config, PrintStream console) {
        int port = config.port() == 0 ? freePort() : config.port();
        // Read before the database opens: a certificate that cannot be served stops the start having touched nothing.
        TlsEdge tls = config.tls() == null ? null : TlsEdge.load(config.tls());
        String baseUrl = config.baseUrl() != null && !config.baseUrl().isBlank()
                ? config.baseUrl()
                : (tls == null ? "http" : "https") + "://localhost:" + port;
        Links links = new Links(baseUrl);
        Operations ops = config.operations() != null ? config.operations() : Operations.DEFAULTS;
        CompletableFuture<ServerMetrics> metricsStarting = ServerMetrics.startBeside();
        Database db = Database.open(
                config.databaseUrl(),
                config.databaseUser(),
                config.databasePassword(),
                config.dataDir(),
                () -> metricsStarting.join().registry());
        HttpServer management = null;
        try {
            SecretBox box = SecretBox.load(config.masterKey(), config.dataDir());
            InstanceSettings settings = new InstanceSettings(db);
            // The checks that need the database run beside the assembling and starting of the HTTP server (on a cold
            // JVM both take a few hundred ms); requests are held until they have passed. The first queries also warm
            // JDBI up.
            Organization organization = new Organization(CompletableFuture.supplyAsync(
                    () -> {
                        checkMasterKey(settings, box);
                        return settings.getOrCreate("organization_id", Ids::newId);
                    },
                    work -> Thread.ofPlatform()
                            .name("latchkey-start-checks")
                            .daemon()
                            .start(work)));

            // First: from here on, every management write's transaction carries its audit activity.
            ActivityLog activityLog = new ActivityLog(
                    db,
                    config.activityRetention() != null
                            ? config.activityRetention()
                            : Config.DEFAULT_ACTIVITY_RETENTION);
            db.observeWrites(activityLog);
            SigningKeyService keys = new SigningKeyService(db, box);
            EnvironmentService environments = new EnvironmentService(db, keys);
            ApplicationService applications = new ApplicationService(db, box);
            KeyRotationPolicyService keyRotationPolicies =
                    new KeyRotationPolicyService(db, keys, ApplicationService::usingKeyRotationPolicy);
            ApplicationSecretService applicationSecrets = new ApplicationSecretService(db, box);
            ClientAuthenticator clients = new ClientAuthenticator(applications, applicationSecrets, db, links);
            PasswordPolicyService passwordPolicies = new PasswordPolicyService(db);
            PasswordService passwords = new PasswordService(
                    db,
                    new PasswordHasher(
                            config.passwordHashing() != null ? config.passwordHashing() : PasswordHasher.Cost.DEFAULT),
                    passwordPolicies,
                    activityLog);
            PopulationService populations = new PopulationService(db);
            MfaSettingsService mfaSettings = new MfaSettingsService(db);
            UserService users = new UserService(
                    db,
                    populations,
                    passwords,
                    env -> mfaSettings.get(env).newUsersMfaEnabled(),
                    new UserAttributeValues());
            SessionService sessions = new SessionService(db, activityLog);
            SignOnPolicyLookup policies = new SignOnPolicyLookup(db);
            ResourceSecretService resourceSecrets = new ResourceSecretService(db, box);
            ResourceService resources = new ResourceService(db, box);
            ThrottleSettings throttle = config.throttle() != null ? config.throttle() : ThrottleSettings.defaults();
            ClientAddresses clientAddresses = new ClientAddresses(throttle.trustedProxies());
            RequestLimit interactiveRequests = new RequestLimit(throttle.requestsPerAddress(), clientAddresses);
            FailedCheckLimit failedChecks = new FailedCheckLimit(throttle);
            // One outbox for both channels, so that its lines never interleave.
            OutboxNotifier outbox = new OutboxNotifier(config.dataDir());
            Notifier notifier = new RoutingNotifier(
                    config.smtp() != null ? new SmtpNotifier(config.smtp()) : outbox,
                    config.sms() != null ? new HttpSmsNotifier(config.sms()) : outbox);
            ScopeResolver scopes = new ScopeResolver(db);
            DeviceAuthorizationService devices = new DeviceAuthorizationService(db, scopes);
            // The default FIDO2 policy's WebAuthn relying party: the public host name.
            MfaPolicyService mfaPolicies =
                    new MfaPolicyService(db, java.net.URI.create(baseUrl).getHost());
            PolicyDeviceValues deviceValues = new PolicyDeviceValues(mfaPolicies, mfaSettings);
            WebAuthnCeremonies webAuthn = new WebAuthnCeremonies(baseUrl);
            DeviceSignOn deviceSignOn =
                    new DeviceSignOn(db, box, notifier, mfaPolicies, deviceValues, webAuthn, activityLog);
            ServerMetrics metrics = metricsStarting.join();
            FlowService flows = new FlowService(
                    db,
                    users,
                    passwords,
                    sessions,
                    policies,
                    notifier,
                    failedChecks,
                    new DeviceGrantSteps(devices, applications, sessions),
                    deviceSignOn,
                    new FlowMetrics(metrics.registry()));
            FlowApi flowApi = new FlowApi(flows, applications, users, passwords, clientAddresses);
            AuthorizationCodes codes = new AuthorizationCodes(db);
            TokenRevocations revocations = new TokenRevocations(db, activityLog);
            RefreshTokens refreshTokens = new RefreshTokens(db);
            GroupService groups = new GroupService(db, populations);
            GroupClaimAttributes groupClaims = new GroupClaimAttributes(db);
            PermissionClaims permissionClaims = new PermissionClaims(db, organization::id, groupClaims);
            AttributeMappingService attributeMappings = new AttributeMappingService(db);
            UserApplicationRoleService userApplicationRoles = new UserApplicationRoleService(
                    db, (e, id) -> users.find(e, id).isPresent());
            TokenGenerator tokens = new TokenGenerator(
                    db,
                    new TokenSigner(keys),
                    links,
                    organization,
                    new TokenLifetimes(db),
                    refreshTokens,
                    revocations,
                    new ApplicationClaims(attributeMappings, groupClaims),
                    List.of(permissionClaims));
            TokenMetrics tokenMetrics = new TokenMetrics(metrics.registry());
            AuthorizationResponses authorizationResponses =
                    new AuthorizationResponses(sessions, codes, users, scopes, tokens, tokenMetrics);
            AccessTokenVerifier verifier = new AccessTokenVerifier(keys, links, revocations);
            RoleAssignmentService roleAssignments = new RoleAssignmentService(db, organization::id);
            AuthorizeRequestParser authorizeRequests =
                    new AuthorizeRequestParser(applications, scopes, clients, links, db);

            Apis apis = new Apis(
                    new DiscoveryEndpoint(db, keys),
                    new TokenEndpoint(
                            clients,
                            new ClientCredentialsGrant(scopes, tokens),
                            new AuthorizationCodeGrant(codes, revocations, users, scopes, tokens),
                            new RefreshTokenGrant(refreshTokens, revocations, users, scopes, tokens),
                            new TokenExchangeGrant(verifier, users, scopes, tokens),
                            new DeviceCodeGrant(devices, users, scopes, tokens),
                            tokenMetrics),
                    new AuthorizeEndpoint(
                            authorizeRequests,
                            new AuthorizeService(sessions, flows, users, policies, authorizationResponses)),
                    new PushedAuthorizationRequestEndpoint(clients, authorizeRequests),
                    new ResumeEndpoint(flows, applications, authorizationResponses),
                    new IntrospectEndpoint(
                            clients, new ResourceClients(resources, resourceSecrets), verifier, refreshTokens),
                    new UserinfoEndpoint(verifier, users, tokens, revocations),
                    new RevokeEndpoint(clients, verifier, refreshTokens, revocations),
                    new SignoffEndpoint(verifier, applications, sessions, db),
                    flowApi,
                    new SignOnPage(flows, flowApi, interactiveRequests, clientAddresses),
                    new EnvironmentsApi(environments, organization),
                    new ApplicationsApi(applications, applicationSecrets, roleAssignments),
                    new GrantsApi(new GrantService(db)),
                    new SignOnPolicyAssignmentsApi(new SignOnPolicyAssignmentService(db)),
                    RoleAssignmentsApi.forApplications(roleAssignments),
                    new RolesApi(roleAssignments),
                    new UserRoleAssignmentsApi(new UserRoleAssignmentService(db, roleAssignments), roleAssignments),
                    new UserSessionsApi(new UserSessions(sessions, users)),
                    new ResourcesApi(
                            resources, new ResourceScopeService(db), new ResourceAttributeService(db), resourceSecrets),
                    new SignOnPoliciesApi(new SignOnPolicyService(db), new SignOnPolicyActionService(db)),
                    new PopulationsApi(populations),
                    new UsersApi(users),
                    new UserPasswordsApi(passwords),
                    new PasswordPoliciesApi(passwordPolicies),
                    new ApplicationPermissionsApi(
                            new ApplicationResourceService(db),
                            new ApplicationPermissionService(db),
                            new ApplicationRoleService(db),
                            userApplicationRoles),
                    new DeviceAuthorizationEndpoint(clients, devices),
                    new DeviceVerificationPage(devices, flows, sessions, users, interactiveRequests),
                    new ClientOrigins(applications, flows),
                    new MfaSettingsApi(mfaSettings),
                    new MfaPoliciesApi(mfaPolicies, MfaPolicy.Kind.DEVICE_AUTHENTICATION),
                    new MfaPoliciesApi(mfaPolicies, MfaPolicy.Kind.FIDO2),
                    new DevicesApi(new DeviceService(db, box, notifier, deviceValues, webAuthn)),
                    new DeviceAuthenticationsApi(new DeviceAuthenticationService(db, users, mfaPolicies, deviceSignOn)),
                    new SchemasApi(new SchemaService(db)),
                    new AttributeMappingsApi(attributeMappings),
                    new GroupsApi(groups),
                    new GroupMembershipsApi(new MembershipService(db, groups)),
                    RoleAssignmentsApi.forGroups(new GroupRoleAssignmentService(db, roleAssignments), roleAssignments),
                    new KeysApi(new KeyService(db, keys)),
                    new KeyRotationPoliciesApi(keyRotationPolicies),
                    new HealthApi(db),
                    new MetricsApi(metrics),
                    new ActivitiesApi(new ActivityService(db, activityLog)));
            ManagementAccess access = new ManagementAccess(verifier, applications, roleAssignments, users);

            // A write through the Management API shows at once in this process's copies of hot configuration.
            RouteTable routes = Routes.build(apis, access, interactiveRequests, new ManagementActivities(activityLog))
                    .after(
                            r -> r.path().startsWith("/v1/")
                                    && !r.method().equals("GET")
                                    && !r.method().equals("HEAD"),
                            db.recentReads()::forgetAll);
            HttpServer server = new HttpServer(
                    routes,
                    links,
                    port,
                    tls,
                    new RequestMetrics(metrics.registry()),
                    ops.accessLog() ? new AccessLog() : null);
            if (ops.managementPort() != null) {
                int managementPort = ops.managementPort() == 0 ? freePort() : ops.managementPort();
                // Its own requests are neither timed nor logged: scrapes and probes every few seconds are noise. Plain
                // HTTP even when the main port serves HTTPS: kubelet and Prometheus reach it inside the cluster.
                management = new HttpServer(Routes.management(apis), links, managementPort);
                try {
                    management.start();
                } catch (RuntimeException e) {
                    throw new StartupFailure.ManagementPortFailure(managementPort, e);
                }
            }
            server.start();
            try {
                new AdminBootstrap(db, environments, applications, organization.id()).runIfEmpty(config, console);
            } catch (RuntimeException e) {
                server.abort();
                throw e;
            }
            server.open();
            if (management != null) management.open();
            Housekeeping housekeeping =
                    new Housekeeping(db, List.of(activityLog::deleteExpired, keyRotationPolicies::rotateDue));
            housekeeping.start();
            return new Latchkey(db, server, baseUrl, housekeeping, Optional.ofNullable(management), metrics);
        } catch (RuntimeException e) {
            if (management != null) management.abort();
            db.close();
            metricsStarting.thenAccept(ServerMetrics::close);
            throw e;
        }
    }

    /** Refuses to start with a master key other than the one the database's secrets were sealed with. */
    static void checkMasterKey(InstanceSettings settings, SecretBox box) {
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

    public int port() {
        return server.port();
    }

    /** The management port, when there is one. */
    public Optional<Integer> managementPort() {
        return management.map(HttpServer::port);
    }

    public String baseUrl() {
        return baseUrl;
    }

    public Database database() {
        return db;
    }

    /** Runs one housekeeping pass now (tests of retention); returns the number of rows deleted. */
    public int runHousekeeping() {
        return housekeeping.runOnce();
    }

    /** Stops accepting requests, lets in-flight ones finish, then closes the connection pool. */
    @Override
    public void close() {
        try {
            housekeeping.close();
            server.stop();
            management.ifPresent(HttpServer::stop);
        } finally {
            db.close();
            metrics.close();
        }
    }
}
