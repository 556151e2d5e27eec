package io.latchkey.hardening;

import static io.latchkey.hardening.J.arr;
import static io.latchkey.hardening.J.obj;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.latchkey.access.BuiltInRole;
import io.latchkey.mfa.MfaFixtures;
import io.latchkey.oauth.SignOnFixtures;
import io.latchkey.testkit.TestServer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * The campaign's world: one environment holding one (mostly two) of every kind of object, created over the management
 * API with the admin token, so that every path parameter of every route can be filled with a real id and a hostile
 * request reaches the handler instead of a 404; and, for every route that takes a body, a valid body to start
 * mutating from (a function of a unique suffix, so that names stay unique).
 *
 * <p>A new route needs two things here: an id for each new path parameter ({@link #idFor}) and, if it takes a body, a
 * valid one ({@link #defineSpecs}). The campaign fails until it has them, so that no route is left out.
 */
final class World {
    static final String REDIRECT_URI = SignOnFixtures.REDIRECT_URI;
    static final String PASSWORD = "Kx9!vTq#2mWz";
    static final String JSON = "application/json";
    static final String FORM = "application/x-www-form-urlencoded";
    static final String IMPORT = "application/vnd.pingidentity.user.import+json";
    static final String MERGE_PATCH = "application/merge-patch+json";
    static final String PASSWORD_SET = "application/vnd.pingidentity.password.set+json";
    static final String PASSWORD_RESET = "application/vnd.pingidentity.password.reset+json";
    static final String PASSWORD_RECOVER = "application/vnd.pingidentity.password.recover+json";
    static final String LOCK = "application/vnd.pingidentity.account.lock+json";
    static final String DEVICE_ACTIVATE = "application/vnd.pingidentity.device.activate+json";
    static final String DEVICE_SELECT = "application/vnd.pingidentity.device.select+json";
    static final String OTP_CHECK = "application/vnd.pingidentity.otp.check+json";
    static final String DEVICE_SEND_CODE = "application/vnd.pingidentity.device.sendActivationCode+json";
    static final String DEVICES_REORDER = "application/vnd.pingidentity.devices.reorder+json";

    /**
     * A JSON body a route accepts: its content type and a valid body for a fresh unique suffix; whether an empty body
     * is valid too; what puts the world back after a request changed it; which tables a refused request may
     * legitimately change (a wrong current password is a failed attempt, and is counted).
     */
    static final class JsonSpec {
        final String contentType;
        final Function<String, ObjectNode> template;
        boolean emptyBodyOk;
        Runnable restore;
        java.util.Set<String> countedOnRefusal = java.util.Set.of();

        JsonSpec(String contentType, Function<String, ObjectNode> template) {
            this.contentType = contentType;
            this.template = template;
        }

        JsonSpec emptyBodyOk() {
            emptyBodyOk = true;
            return this;
        }

        JsonSpec restore(Runnable r) {
            restore = r;
            return this;
        }

        JsonSpec countedOnRefusal(String... tables) {
            countedOnRefusal = java.util.Set.of(tables);
            return this;
        }
    }

    /** A form body a route accepts (Auth API), with the {@code Authorization} header it needs, if any. */
    record FormSpec(Function<String, Map<String, String>> template, String authorization) {}

    final TestServer server;
    final String token;
    final String env;
    final String population;
    final String population2;
    final String passwordPolicy;
    final String user;
    final String resource;
    final String scope;
    final String scope2;
    final String attribute;
    final String webApp;
    String webAppSecret;
    final String worker;
    String workerSecret;
    final String grant;
    final String appAttribute;
    final String signOnPolicy;
    final String signOnPolicy2;
    final String action;
    final String signOnPolicyAssignment;
    final String roleAssignment;
    final String builtInRole = BuiltInRole.IDENTITY_DATA_ADMIN.id();
    final String applicationResource;
    final String permission;
    final String permission2;
    final String applicationRole;
    final String applicationRole2;
    /** An EMAIL device of {@link #user} waiting for activation, and an ACTIVE one (for the order). */
    final String device;

    final String device2;
    /** An MFA (device authentication) policy and a FIDO2 policy of the environment, neither the default. */
    final String mfaPolicy;

    final String fido2Policy;
    /** An MFA-only transaction of {@link #user} waiting for the passcode sent to {@link #device2}. */
    final String deviceAuthentication;
    /** A flow started by the campaign (no browser cookie goes with it in the generic families). */
    final String flow;
    /** A sign-on session of {@link #user}, and an administrator role the user holds. */
    final String session;

    final String userRoleAssignment;
    final String groupRoleAssignment;
    /** The environment's user schema and a custom attribute of it. */
    final String schema;

    final String schemaAttribute;
    // Groups: the user is in group, group is nested in group2; group3 is free for new memberships and nestings.
    final String group;
    final String group2;
    final String group3;
    /** An audit activity of the set-up (activities/). */
    final String activity;
    /** A signing key that is not the default (EC: cheap to make, and the campaign makes many). */
    final String key;
    /** A key rotation policy no application uses (so that the campaign's DELETE with a hostile id has one to miss). */
    final String keyRotationPolicy;

    /** The JSON bodies of the management API, by route ({@code METHOD path} as in the route table). */
    final Map<String, List<JsonSpec>> jsonSpecs = new LinkedHashMap<>();
    /** The form bodies of the Auth API, by route. */
    final Map<String, FormSpec> formSpecs = new LinkedHashMap<>();
    /** Routes that take a body but whose body means nothing (the content type is the request). */
    final Map<String, String> contentTypeOnly = new LinkedHashMap<>();
    /** Routes whose bodies a family of their own covers (they need a browser's flow cookie). */
    final List<String> flowRoutes = List.of("POST /{envId}/flows/{flowId}", "POST /{envId}/signon");

    private final Wire wire;

    World(TestServer server) {
        this.server = server;
        java.net.URI base = java.net.URI.create(server.baseUrl());
        this.wire = new Wire(base.getHost(), base.getPort());
        this.token = server.admin().token();
        String e = env = create(
                "/v1/environments",
                obj("name", "campaign-" + java.util.UUID.randomUUID(), "region", "NA", "type", "SANDBOX"));
        String v1 = "/v1/environments/" + e;
        // The environment's signing key comes with its first use: used here, so that no hostile read makes it.
        call("GET", "/" + e + "/as/jwks", null);
        passwordPolicy = create(v1 + "/passwordPolicies", passwordPolicyBody("camp-policy"));
        population =
                create(v1 + "/populations", obj("name", "camp-pop-1", "passwordPolicy", obj("id", passwordPolicy)));
        population2 = create(v1 + "/populations", obj("name", "camp-pop-2"));
        // In population 2, which has the environment's default password policy: population 1 gets the campaign's.
        user = create(
                v1 + "/users",
                obj(
                        "username",
                        "camp-user-1",
                        "email",
                        "camp-user-1@example.com",
                        "population",
                        obj("id", population2),
                        "password",
                        obj("value", PASSWORD)));
        create(
                v1 + "/users",
                obj("username", "camp-user-2", "email", "camp-user-2@example.com")); // lists of two: paging shows
        resource = create(
                v1 + "/resources",
                obj(
                        "name",
                        "camp-api",
                        "audience",
                        "https://camp-api.example.com",
                        "applicationPermissionsSettings",
                        obj("claimEnabled", true)));
        create(v1 + "/resources", obj("name", "camp-api-2"));
        scope = create(v1 + "/resources/" + resource + "/scopes", obj("name", "camp:read"));
        scope2 = create(v1 + "/resources/" + resource + "/scopes", obj("name", "camp:write"));
        attribute = create(
                v1 + "/resources/" + resource + "/attributes", obj("name", "campClaim", "value", "${user.email}"));
        webApp = create(v1 + "/applications", webAppBody("camp-web"));
        webAppSecret = call("GET", v1 + "/applications/" + webApp + "/secret", null)
                .path("secret")
                .asText();
        worker = create(
                v1 + "/applications",
                obj(
                        "name",
                        "camp-worker",
                        "enabled",
                        true,
                        "protocol",
                        "OPENID_CONNECT",
                        "type",
                        "WORKER",
                        "tokenEndpointAuthMethod",
                        "CLIENT_SECRET_BASIC",
                        "grantTypes",
                        arr("CLIENT_CREDENTIALS"),
                        "assignActorRoles",
                        false));
        workerSecret = call("GET", v1 + "/applications/" + worker + "/secret", null)
                .path("secret")
                .asText();
        String openid = null;
        for (var r : call("GET", v1 + "/resources", null).path("_embedded").path("resources")) {
            if (r.path("type").asText().equals("OPENID_CONNECT"))
                openid = r.path("id").asText();
        }
        var openidScopes = J.arr();
        for (var sc : call("GET", v1 + "/resources/" + openid + "/scopes", null)
                .path("_embedded")
                .path("scopes")) {
            if (List.of("openid", "profile", "email").contains(sc.path("name").asText()))
                openidScopes.add(obj("id", sc.path("id").asText()));
        }
        create(v1 + "/applications/" + webApp + "/grants", obj("resource", obj("id", openid), "scopes", openidScopes));
        grant = create(
                v1 + "/applications/" + webApp + "/grants",
                obj("resource", obj("id", resource), "scopes", arr(obj("id", scope))));
        appAttribute = create(
                v1 + "/applications/" + webApp + "/attributes", obj("name", "campMapping", "value", "${user.email}"));
        signOnPolicy = create(v1 + "/signOnPolicies", obj("name", "camp_policy"));
        signOnPolicy2 = create(v1 + "/signOnPolicies", obj("name", "camp_policy_2"));
        action = create(
                v1 + "/signOnPolicies/" + signOnPolicy + "/actions",
                obj(
                        "priority",
                        1,
                        "type",
                        "LOGIN",
                        "recovery",
                        obj("enabled", true),
                        "registration",
                        obj("enabled", true, "population", obj("id", population))));
        signOnPolicyAssignment = create(
                v1 + "/applications/" + webApp + "/signOnPolicyAssignments",
                obj("signOnPolicy", obj("id", signOnPolicy), "priority", 1));
        roleAssignment = create(
                v1 + "/applications/" + worker + "/roleAssignments",
                obj("role", obj("id", builtInRole), "scope", obj("id", e, "type", "ENVIRONMENT")));
        applicationResource = create(v1 + "/resources/" + resource + "/applicationResources", obj("name", "camp-ar"));
        permission =
                create(v1 + "/applicationResources/" + applicationResource + "/permissions", obj("action", "read"));
        permission2 =
                create(v1 + "/applicationResources/" + applicationResource + "/permissions", obj("action", "write"));
        applicationRole = create(v1 + "/applicationRoles", obj("name", "camp-role"));
        applicationRole2 = create(v1 + "/applicationRoles", obj("name", "camp-role-2"));
        create(v1 + "/applicationRoles/" + applicationRole + "/permissions", obj("id", permission));
        create(v1 + "/users/" + user + "/applicationRoles", obj("id", applicationRole));
        device = create(
                v1 + "/users/" + user + "/devices",
                obj("type", "EMAIL", "email", "camp-user-1@example.com", "status", "ACTIVATION_REQUIRED"));
        device2 = create(v1 + "/users/" + user + "/devices", obj("type", "SMS", "phone", "+15125550100"));
        mfaPolicy = create(v1 + "/deviceAuthenticationPolicies", MfaFixtures.devicePolicy("camp-mfa"));
        fido2Policy = create(v1 + "/fido2Policies", MfaFixtures.fido2Policy("camp-fido2"));
        // MFA on for the user only while its transaction starts, so that the transaction takes steps (OTP_REQUIRED).
        call("PUT", v1 + "/users/" + user + "/mfaEnabled", obj("mfaEnabled", true));
        deviceAuthentication = create("/" + e + "/deviceAuthentications", obj("user", obj("id", user)));
        call("PUT", v1 + "/users/" + user + "/mfaEnabled", obj("mfaEnabled", false));
        group = create(v1 + "/groups", obj("name", "camp-group-1"));
        group2 = create(v1 + "/groups", obj("name", "camp-group-2"));
        group3 = create(v1 + "/groups", obj("name", "camp-group-3"));
        key = create(v1 + "/keys", keyBody("camp-key-1"));
        keyRotationPolicy = create(v1 + "/keyRotationPolicies", keyRotationPolicyBody("camp-krp-1"));
        create(v1 + "/users/" + user + "/memberOfGroups", obj("id", group));
        create(v1 + "/groups/" + group + "/memberOfGroups", obj("id", group2));
        flow = new BrowserlessFlow(this).start().id();
        new BrowserlessFlow(this).signOn("camp-user-1", PASSWORD);
        session = call("GET", v1 + "/users/" + user + "/sessions", null)
                .path("_embedded")
                .path("sessions")
                .path(0)
                .path("id")
                .asText();
        userRoleAssignment = create(
                v1 + "/users/" + user + "/roleAssignments",
                obj("role", obj("id", builtInRole), "scope", obj("id", e, "type", "ENVIRONMENT")));
        groupRoleAssignment = create(
                v1 + "/groups/" + group + "/roleAssignments",
                obj("role", obj("id", builtInRole), "scope", obj("id", e, "type", "ENVIRONMENT")));
        schema = call("GET", v1 + "/schemas", null)
                .path("_embedded")
                .path("schemas")
                .path(0)
                .path("id")
                .asText();
        schemaAttribute = create(v1 + "/schemas/" + schema + "/attributes", obj("name", "campAttr", "enabled", true));
        activity = call("POST", v1 + "/activities", obj("filter", activityRange()))
                .path("_embedded")
                .path("activities")
                .path(0)
                .path("id")
                .asText();
        defineSpecs();
    }

    /** Reads the applications' secrets again (the campaign may have rotated them). */
    void refreshSecrets() {
        String v1 = "/v1/environments/" + env;
        webAppSecret = call("GET", v1 + "/applications/" + webApp + "/secret", null)
                .path("secret")
                .asText();
        workerSecret = call("GET", v1 + "/applications/" + worker + "/secret", null)
                .path("secret")
                .asText();
        String basicWeb = basic(webApp, webAppSecret);
        formSpecs.replaceAll((route, spec) -> spec.authorization() != null
                        && spec.authorization().startsWith("Basic ")
                ? new FormSpec(spec.template(), route.endsWith("/as/token") ? basic(worker, workerSecret) : basicWeb)
                : spec);
    }

    private String create(String path, ObjectNode body) {
        return call("POST", path, body).path("id").asText(null);
    }

    /** A management call that must succeed (set-up, putting back); its answer as JSON. */
    com.fasterxml.jackson.databind.JsonNode call(String method, String path, ObjectNode body) {
        return call(method, path, JSON, body);
    }

    com.fasterxml.jackson.databind.JsonNode call(String method, String path, String contentType, ObjectNode body) {
        Wire.Request r = new Wire.Request(method, path).header("Authorization", "Bearer " + token);
        if (body != null) r.body(contentType, J.write(body));
        Wire.Answer a = wire.send(r);
        if (a.status() / 100 != 2)
            throw new AssertionError("Campaign set-up: " + method + " " + path + " answered " + a.summary());
        var json = J.parseOrNull(a.body());
        return json == null ? J.obj() : json;
    }

    /** The real id for a path parameter of {@code path}; null when the campaign has none (a new kind of route). */
    String idFor(String path, String param) {
        return switch (param) {
            case "envId" -> env;
            case "appId" -> path.contains("/roleAssignments") ? worker : webApp;
            case "grantId" -> grant;
            case "assignmentId" ->
                path.contains("/signOnPolicyAssignments")
                        ? signOnPolicyAssignment
                        : path.contains("/groups/")
                                ? groupRoleAssignment
                                : path.contains("/users/") ? userRoleAssignment : roleAssignment;
            case "sessionId" -> session;
            case "attrMappingId" -> appAttribute;
            case "roleId" -> path.startsWith("/v1/roles/") ? builtInRole : applicationRole;
            case "resourceId" -> resource;
            case "scopeId" -> scope;
            case "attributeId" -> path.contains("/schemas/") ? schemaAttribute : attribute;
            case "schemaId" -> schema;
            case "policyId" ->
                path.contains("/signOnPolicies/")
                        ? signOnPolicy
                        : path.contains("/passwordPolicies/")
                                ? passwordPolicy
                                : path.contains("/deviceAuthenticationPolicies/")
                                        ? mfaPolicy
                                        : path.contains("/fido2Policies/") ? fido2Policy : null;
            case "actionId" -> action;
            case "populationId" -> population;
            case "userId" -> user;
            case "applicationResourceId" -> applicationResource;
            case "permissionId" -> permission;
            case "flowId" -> flow;
            case "deviceId" -> device;
            case "deviceAuthenticationId" -> deviceAuthentication;
            case "appIdentifier" -> webApp;
            case "groupId" -> group;
            case "parentGroupId" -> group2;
            case "activityId" -> activity;
            case "keyId" -> key;
            case "keyRotationPolicyId" -> keyRotationPolicy;
            default -> null;
        };
    }

    /** {@code path} with every parameter replaced by its real id, except {@code hostileParam}, which gets {@code hostile}. */
    String fill(String path, String hostileParam, String hostile) {
        StringBuilder sb = new StringBuilder();
        for (String segment : path.substring(1).split("/")) {
            sb.append('/');
            if (segment.startsWith("{")) {
                String param = segment.substring(1, segment.length() - 1);
                sb.append(param.equals(hostileParam) ? hostile : idFor(path, param));
            } else {
                sb.append(segment);
            }
        }
        return sb.toString();
    }

    String fill(String path) {
        return fill(path, null, null);
    }

    // ---- valid bodies

    static ObjectNode keyBody(String name) {
        return obj(
                "name",
                name,
                "algorithm",
                "EC",
                "keyLength",
                256,
                "signatureAlgorithm",
                "SHA256withECDSA",
                "subjectDN",
                "CN=" + name + ",O=Campaign",
                "validityPeriod",
                365,
                "usageType",
                "SIGNING",
                "default",
                false);
    }

    static ObjectNode keyRotationPolicyBody(String name) {
        return obj(
                "name",
                name,
                "dn",
                "CN=" + name + ",O=Campaign",
                "algorithm",
                "RSA",
                "keyLength",
                2048,
                "signatureAlgorithm",
                "SHA256withRSA",
                "usageType",
                "SIGNING",
                "rotationPeriod",
                90,
                "validityPeriod",
                365);
    }

    static ObjectNode passwordPolicyBody(String name) {
        return obj(
                "name",
                name,
                "description",
                "campaign policy",
                "default",
                false,
                "excludesCommonlyUsed",
                true,
                "excludesProfileData",
                false,
                "notSimilarToCurrent",
                false,
                "history",
                obj("count", 4, "retentionDays", 365),
                "length",
                obj("min", 8, "max", 64),
                "lockout",
                obj("failureCount", 5, "durationSeconds", 900),
                "maxAgeDays",
                180,
                "minAgeDays",
                1,
                "maxRepeatedCharacters",
                2,
                "minUniqueCharacters",
                5,
                "minCharacters",
                obj(
                        "ABCDEFGHIJKLMNOPQRSTUVWXYZ",
                        1,
                        "abcdefghijklmnopqrstuvwxyz",
                        1,
                        "0123456789",
                        1,
                        "~!@#$%^&*()-_=+[]{}|;:,.<>/?",
                        1));
    }

    static ObjectNode webAppBody(String name) {
        return obj(
                "name",
                name,
                "description",
                "campaign web application",
                "enabled",
                true,
                "protocol",
                "OPENID_CONNECT",
                "type",
                "WEB_APP",
                "tokenEndpointAuthMethod",
                "CLIENT_SECRET_BASIC",
                "grantTypes",
                arr("AUTHORIZATION_CODE", "REFRESH_TOKEN"),
                "responseTypes",
                arr("CODE"),
                "redirectUris",
                arr(REDIRECT_URI),
                "postLogoutRedirectUris",
                arr("https://client.example.com/signed-off"),
                "pkceEnforcement",
                "OPTIONAL",
                "homePageUrl",
                "https://client.example.com/",
                "loginPageUrl",
                "https://client.example.com/login",
                "refreshTokenDuration",
                2592000,
                "parTimeout",
                60,
                "icon",
                obj("id", "11111111-1111-4111-8111-111111111111", "href", "https://client.example.com/icon.png"),
                "corsSettings",
                obj("behavior", "ALLOW_NO_ORIGINS"));
    }

    private ObjectNode userProfile(String username) {
        return obj(
                "username",
                username,
                "email",
                username + "@example.com",
                "name",
                obj(
                        "given",
                        "Ada",
                        "family",
                        "Lovelace",
                        "middle",
                        "King",
                        "formatted",
                        "Ada King Lovelace",
                        "honorificPrefix",
                        "Lady",
                        "honorificSuffix",
                        "II"),
                "nickname",
                "ada",
                "title",
                "Countess",
                "type",
                "member",
                "locale",
                "en-GB",
                "preferredLanguage",
                "en",
                "timezone",
                "Europe/London",
                "mobilePhone",
                "+44 20 7946 0000",
                "primaryPhone",
                "+44 20 7946 0001",
                "address",
                obj(
                        "streetAddress",
                        "1 St James's Square",
                        "locality",
                        "London",
                        "region",
                        "Westminster",
                        "postalCode",
                        "SW1Y 4JH",
                        "countryCode",
                        "GB"),
                "photo",
                obj("href", "https://photos.example.com/ada.png"),
                "externalId",
                "ext-" + username,
                "accountId",
                "acct-" + username);
    }

    /** A pre-encoded password as PingOne imports them: {SSHA512}base64(sha512(password + salt) + salt). */
    static String ssha512(String password) {
        try {
            byte[] salt = "campaign-salt-17b"
                    .getBytes(StandardCharsets.US_ASCII); // 17 bytes: 64 + 17 = 81, no base64 padding
            MessageDigest sha = MessageDigest.getInstance("SHA-512");
            sha.update(password.getBytes(StandardCharsets.UTF_8));
            sha.update(salt);
            byte[] digest = sha.digest();
            byte[] all = new byte[digest.length + salt.length];
            System.arraycopy(digest, 0, all, 0, digest.length);
            System.arraycopy(salt, 0, all, digest.length, salt.length);
            return "{SSHA512}" + Base64.getEncoder().encodeToString(all);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private void defineSpecs() {
        String v1 = "/v1/environments/{envId}";
        String apps = v1 + "/applications";
        String res = v1 + "/resources";
        String sop = v1 + "/signOnPolicies";
        String users = v1 + "/users";
        String ar = res + "/{resourceId}/applicationResources";
        String perms = v1 + "/applicationResources/{applicationResourceId}/permissions";
        String roles = v1 + "/applicationRoles";
        String later = Instant.now()
                .plus(1, ChronoUnit.HOURS)
                .truncatedTo(ChronoUnit.MILLIS)
                .toString();

        json(
                "POST /v1/environments",
                JSON,
                u -> obj(
                        "name",
                        "camp-env-" + u,
                        "description",
                        "campaign environment",
                        "region",
                        "NA",
                        "type",
                        "SANDBOX",
                        "icon",
                        "https://example.com/icon.png",
                        "billOfMaterials",
                        obj(
                                "solutionType",
                                "CUSTOMER",
                                "products",
                                arr(obj("type", "PING_ONE_MFA", "description", "mfa")))));
        json(
                "PUT /v1/environments/{envId}",
                JSON,
                u -> obj(
                        "name",
                        "camp-env-main-" + u,
                        "description",
                        "campaign environment",
                        "region",
                        "NA",
                        "type",
                        "SANDBOX",
                        "icon",
                        "https://example.com/icon.png"));

        json("POST " + apps, JSON, u -> webAppBody("camp-web-" + u));
        json("PUT " + apps + "/{appId}", JSON, u -> webAppBody("camp-web-main-" + u));
        json("POST " + apps + "/{appId}/secret", JSON, u -> obj("previous", obj("expiresAt", later)))
                .emptyBodyOk();
        json(
                "POST " + apps + "/{appId}/grants",
                JSON,
                u -> obj("resource", obj("id", resource), "scopes", arr(obj("id", scope2))));
        json(
                "PUT " + apps + "/{appId}/grants/{grantId}",
                JSON,
                u -> obj("resource", obj("id", resource), "scopes", arr(obj("id", scope))));
        json(
                "POST " + apps + "/{appId}/attributes",
                JSON,
                u -> obj("name", "camp" + u, "value", "${user.name.given + \" \" + user.name.family}"));
        json(
                "PUT " + apps + "/{appId}/attributes/{attrMappingId}",
                JSON,
                u -> obj("name", "campMapping", "value", "${user.username}", "required", false, "idToken", true));
        json(
                "POST " + apps + "/{appId}/signOnPolicyAssignments",
                JSON,
                u -> obj("signOnPolicy", obj("id", signOnPolicy2), "priority", 2));
        json(
                "PUT " + apps + "/{appId}/signOnPolicyAssignments/{assignmentId}",
                JSON,
                u -> obj("signOnPolicy", obj("id", signOnPolicy), "priority", 1));
        json(
                "POST " + apps + "/{appId}/roleAssignments",
                JSON,
                u -> obj(
                        "role",
                        obj("id", BuiltInRole.IDENTITY_DATA_READ_ONLY.id()),
                        "scope",
                        obj("id", env, "type", "ENVIRONMENT")));

        json(
                "POST " + res,
                JSON,
                u -> obj(
                        "name",
                        "camp-res-" + u,
                        "description",
                        "campaign resource",
                        "audience",
                        "https://camp-" + u + ".example.com",
                        "accessTokenValiditySeconds",
                        3600,
                        "introspectEndpointAuthMethod",
                        "CLIENT_SECRET_BASIC",
                        "applicationPermissionsSettings",
                        obj("claimEnabled", true)));
        json(
                "PUT " + res + "/{resourceId}",
                JSON,
                u -> obj(
                        "name",
                        "camp-api",
                        "description",
                        "campaign resource " + u,
                        "audience",
                        "https://camp-api.example.com",
                        "accessTokenValiditySeconds",
                        3600,
                        "introspectEndpointAuthMethod",
                        "CLIENT_SECRET_BASIC",
                        "applicationPermissionsSettings",
                        obj("claimEnabled", true)));
        json("POST " + res + "/{resourceId}/secret", JSON, u -> obj("previous", obj("expiresAt", later)))
                .emptyBodyOk();
        json(
                "POST " + res + "/{resourceId}/scopes",
                JSON,
                u -> obj("name", "camp:" + u, "description", "campaign scope"));
        json(
                "PUT " + res + "/{resourceId}/scopes/{scopeId}",
                JSON,
                u -> obj("name", "camp:read", "description", "campaign scope " + u));
        json(
                "POST " + res + "/{resourceId}/attributes",
                JSON,
                u -> obj("name", "camp" + u, "value", "${user.email}", "idToken", true, "userInfo", true));
        json(
                "PUT " + res + "/{resourceId}/attributes/{attributeId}",
                JSON,
                u -> obj("name", "campClaim", "value", "${user.name.given}", "idToken", false, "userInfo", true));

        json("POST " + sop, JSON, u -> obj("name", "camp_" + u, "description", "campaign policy", "default", false));
        json(
                "PUT " + sop + "/{policyId}",
                JSON,
                u -> obj("name", "camp_policy", "description", "campaign policy " + u));
        json(
                "POST " + sop + "/{policyId}/actions",
                JSON,
                u -> obj(
                        "priority",
                        10 + Integer.parseInt(u),
                        "type",
                        "LOGIN",
                        "recovery",
                        obj("enabled", false),
                        "registration",
                        obj("enabled", false)));
        json(
                "PUT " + sop + "/{policyId}/actions/{actionId}",
                JSON,
                u -> obj(
                        "priority",
                        1,
                        "type",
                        "LOGIN",
                        "recovery",
                        obj("enabled", true),
                        "registration",
                        obj("enabled", true, "population", obj("id", population))));

        json(
                "POST " + v1 + "/populations",
                JSON,
                u -> obj(
                        "name",
                        "camp-pop-" + u,
                        "description",
                        "campaign population",
                        "default",
                        false,
                        "passwordPolicy",
                        obj("id", passwordPolicy),
                        "preferredLanguage",
                        "en",
                        "alternativeIdentifiers",
                        arr("alt-" + u)));
        json(
                "PUT " + v1 + "/populations/{populationId}",
                JSON,
                u -> obj(
                        "name",
                        "camp-pop-1",
                        "description",
                        "campaign population " + u,
                        "passwordPolicy",
                        obj("id", passwordPolicy)));

        json("POST " + users, JSON, u -> {
            ObjectNode b = userProfile("camp-u-" + u);
            b.set("population", obj("id", population2));
            b.put("enabled", true);
            b.put("mfaEnabled", false);
            return b;
        });
        json(
                "POST " + users,
                IMPORT,
                u -> obj(
                        "username",
                        "camp-i-" + u,
                        "email",
                        "camp-i-" + u + "@example.com",
                        "password",
                        obj("value", ssha512(PASSWORD), "forceChange", false),
                        "lifecycle",
                        obj("status", "ACCOUNT_OK"),
                        "emailVerified",
                        true));
        json("PUT " + users + "/{userId}", JSON, u -> userProfile("camp-user-1"));
        json(
                "PATCH " + users + "/{userId}",
                JSON,
                u -> obj(
                        "name",
                        obj("given", "Ada" + u, "family", "Lovelace"),
                        "title",
                        "Countess",
                        "nickname",
                        "ada" + u));
        json("PATCH " + users + "/{userId}", MERGE_PATCH, u -> obj("name", obj("given", "Ada" + u), "locale", "en-GB"));
        json("PUT " + users + "/{userId}/enabled", JSON, u -> obj("enabled", true));
        json("PUT " + users + "/{userId}/population", JSON, u -> obj("id", population2));
        // Passwords: a new one each time (the current one is in the history); a refused change of one's own password
        // with a wrong current one is a failed attempt, counted in user_passwords; after a change, PASSWORD again.
        json(
                        "PUT " + users + "/{userId}/password",
                        PASSWORD_RESET,
                        u -> obj("currentPassword", PASSWORD, "newPassword", "Pw-" + u + "-Kx9!vTq#2mWz"))
                .restore(this::restorePassword)
                .countedOnRefusal("user_passwords");
        json(
                        "PUT " + users + "/{userId}/password",
                        PASSWORD_SET,
                        u -> obj("value", "Pw-" + u + "-Kx9!vTq#2mWz", "forceChange", false, "bypassPolicy", false))
                .restore(this::restorePassword);
        json(
                        "POST " + users + "/{userId}/password",
                        PASSWORD_SET,
                        u -> obj("value", "Pw-" + u + "-Kx9!vTq#2mWz", "forceChange", false, "bypassPolicy", false))
                .restore(this::restorePassword);
        json(
                        "POST " + users + "/{userId}/password",
                        PASSWORD_RECOVER,
                        u -> obj("recoveryCode", "12345678", "newPassword", "Pw-" + u + "-Kx9!vTq#2mWz"))
                .restore(this::restorePassword)
                .countedOnRefusal("user_passwords", "password_recovery");
        contentTypeOnly.put("POST " + users + "/{userId}", LOCK);
        // MFA devices: a new one is deleted again by the campaign (a user has at most five); a wrong activation code
        // is a failed attempt, counted on the device.
        String devices = users + "/{userId}/devices";
        json("POST " + devices, JSON, u -> obj("type", "EMAIL", "email", "camp-" + u + "@example.com"));
        json("POST " + devices, DEVICES_REORDER, u -> obj("order", arr(obj("id", device2))));
        json("POST " + devices + "/{deviceId}", DEVICE_ACTIVATE, u -> obj("otp", "000000"))
                .countedOnRefusal("mfa_devices");
        contentTypeOnly.put("POST " + devices + "/{deviceId}", DEVICE_SEND_CODE);
        json("PUT " + devices + "/{deviceId}/nickname", JSON, u -> obj("nickname", "camp-" + u));

        // MFA-only transactions (authorized like /v1): a start (FAILED at once: the user's MFA is off), a device
        // selection (sends a new passcode), a wrong passcode (counted on the device).
        String da = "/{envId}/deviceAuthentications";
        json("POST " + da, JSON, u -> obj("user", obj("id", user)));
        json("POST " + da + "/{deviceAuthenticationId}", DEVICE_SELECT, u -> obj("device", obj("id", device2)));
        json("POST " + da + "/{deviceAuthenticationId}", OTP_CHECK, u -> obj("otp", "000000"))
                .countedOnRefusal("mfa_devices");

        // MFA: policies (each created one stays; names differ), the environment's settings, a user's switch.
        json("POST " + v1 + "/deviceAuthenticationPolicies", JSON, u -> MfaFixtures.devicePolicy("camp-mfa-" + u));
        json("PUT " + v1 + "/deviceAuthenticationPolicies/{policyId}", JSON, u -> MfaFixtures.devicePolicy("camp-mfa"));
        json("POST " + v1 + "/fido2Policies", JSON, u -> MfaFixtures.fido2Policy("camp-fido2-" + u));
        json("PUT " + v1 + "/fido2Policies/{policyId}", JSON, u -> MfaFixtures.fido2Policy("camp-fido2"));
        json(
                "PUT " + v1 + "/mfaSettings",
                JSON,
                u -> obj("pairing", obj("maxAllowedDevices", 5, "pairingKeyFormat", "NUMERIC")));
        json("PUT " + users + "/{userId}/mfaEnabled", JSON, u -> obj("mfaEnabled", false));
        json("POST " + v1 + "/passwordPolicies", JSON, u -> passwordPolicyBody("camp-policy-" + u));
        json("PUT " + v1 + "/passwordPolicies/{policyId}", JSON, u -> passwordPolicyBody("camp-policy"));

        // Custom user attributes: each created one stays (names differ); the campaign's one is changed in place.
        String schemaAttributes = v1 + "/schemas/{schemaId}/attributes";
        json(
                "POST " + schemaAttributes,
                JSON,
                u -> obj("name", "camp" + u, "enabled", true, "type", "STRING", "displayName", "Campaign " + u));
        json(
                "PUT " + schemaAttributes + "/{attributeId}",
                JSON,
                u -> obj("name", "campAttr", "enabled", true, "description", "campaign attribute " + u));
        json("PATCH " + schemaAttributes + "/{attributeId}", JSON, u -> obj("displayName", "Campaign " + u));

        json("POST " + ar, JSON, u -> obj("name", "camp-ar-" + u, "description", "campaign application resource"));
        json(
                "PUT " + ar + "/{applicationResourceId}",
                JSON,
                u -> obj("name", "camp-ar", "description", "campaign " + u));
        json("POST " + perms, JSON, u -> obj("action", "act" + u, "description", "campaign permission"));
        json("PUT " + perms + "/{permissionId}", JSON, u -> obj("action", "read", "description", "campaign " + u));
        json("POST " + roles, JSON, u -> obj("name", "camp-role-" + u, "description", "campaign role"));
        json("PUT " + roles + "/{roleId}", JSON, u -> obj("name", "camp-role", "description", "campaign " + u));
        json("POST " + roles + "/{roleId}/permissions", JSON, u -> obj("id", permission2));
        json("POST " + users + "/{userId}/applicationRoles", JSON, u -> obj("id", applicationRole2));
        json(
                "POST " + users + "/{userId}/roleAssignments",
                JSON,
                u -> obj(
                        "role",
                        obj("id", BuiltInRole.IDENTITY_DATA_READ_ONLY.id()),
                        "scope",
                        obj("id", env, "type", "ENVIRONMENT")));

        // Groups: new ones (names differ), the first one's attributes, a membership and a nesting into group3.
        json(
                "POST " + v1 + "/groups",
                JSON,
                u -> obj(
                        "name",
                        "camp-g-" + u,
                        "description",
                        "campaign group",
                        "externalId",
                        "ext-" + u,
                        // customData is free JSON (any value is valid), so it is left out of the mutations.
                        "userFilter",
                        "title eq \"Manager\""));
        json("PUT " + v1 + "/groups/{groupId}", JSON, u -> obj("name", "camp-group-1", "description", "campaign " + u));
        json("POST " + v1 + "/groups/{groupId}/memberOfGroups", JSON, u -> obj("id", group3));
        json("POST " + users + "/{userId}/memberOfGroups", JSON, u -> obj("id", group3));
        json(
                "POST " + v1 + "/groups/{groupId}/roleAssignments",
                JSON,
                u -> obj(
                        "role",
                        obj("id", BuiltInRole.IDENTITY_DATA_READ_ONLY.id()),
                        "scope",
                        obj("id", env, "type", "ENVIRONMENT")));

        // Activities: a search (it reads; its filter needs a time range).
        json(
                "POST " + v1 + "/activities",
                JSON,
                u -> obj("filter", activityRange() + " and action.type eq \"USER.CREATED\""));

        // Signing keys: new EC ones (never the default, so the campaign's tokens keep their key), and PUT as a no-op.
        json("POST " + v1 + "/keys", JSON, u -> keyBody("camp-key-" + u));
        json("PUT " + v1 + "/keys/{keyId}", JSON, u -> obj("default", false, "usageType", "SIGNING"));
        // Key rotation policies: new ones (two RSA 2048 keys each), and PUT with the same specification.
        json("POST " + v1 + "/keyRotationPolicies", JSON, u -> keyRotationPolicyBody("camp-krp-" + u));
        json(
                "PUT " + v1 + "/keyRotationPolicies/{keyRotationPolicyId}",
                JSON,
                u -> keyRotationPolicyBody("camp-krp-1"));

        String basicWeb = basic(webApp, webAppSecret);
        form(
                "POST /{envId}/as/token",
                u -> map("grant_type", "client_credentials", "scope", "camp:read"),
                basic(worker, workerSecret));
        form(
                "POST /{envId}/as/authorize",
                u -> map(
                        "response_type",
                        "code",
                        "client_id",
                        webApp,
                        "redirect_uri",
                        REDIRECT_URI,
                        "scope",
                        "openid",
                        "state",
                        "s" + u,
                        "response_mode",
                        "pi.flow"),
                null);
        form(
                "POST /{envId}/as/par",
                u -> map("response_type", "code", "redirect_uri", REDIRECT_URI, "scope", "openid", "state", "s" + u),
                basicWeb);
        form("POST /{envId}/as/introspect", u -> map("token", "not-a-token-" + u), basicWeb);
        form("POST /{envId}/as/revoke", u -> map("token", "not-a-token-" + u), basicWeb);
        form("POST /{envId}/as/userinfo", u -> map("access_token", "not-a-token-" + u), null);
        form("POST /{envId}/as/signoff", u -> map("state", "s" + u), null);
        form("POST /{envId}/as/device_authorization", u -> map("scope", "openid"), basicWeb);
    }

    /** A filter's time range around now, as /activities requires one. */
    private static String activityRange() {
        return "recordedAt gt \"" + Instant.now().minus(1, ChronoUnit.DAYS) + "\" and recordedAt lt \""
                + Instant.now().plus(1, ChronoUnit.DAYS) + "\"";
    }

    private JsonSpec json(String route, String contentType, Function<String, ObjectNode> template) {
        JsonSpec spec = new JsonSpec(contentType, template);
        jsonSpecs.computeIfAbsent(route, k -> new java.util.ArrayList<>()).add(spec);
        return spec;
    }

    /** Sets the campaign user's password back to {@link #PASSWORD} (which also ends a failure lockout). */
    void restorePassword() {
        call(
                "PUT",
                "/v1/environments/" + env + "/users/" + user + "/password",
                PASSWORD_SET,
                obj("value", PASSWORD, "forceChange", false, "bypassPolicy", true));
    }

    private void form(String route, Function<String, Map<String, String>> template, String authorization) {
        formSpecs.put(route, new FormSpec(template, authorization));
    }

    static Map<String, String> map(String... keyValues) {
        Map<String, String> m = new LinkedHashMap<>();
        for (int i = 0; i < keyValues.length; i += 2) m.put(keyValues[i], keyValues[i + 1]);
        return m;
    }

    static String basic(String id, String secret) {
        return "Basic " + Base64.getEncoder().encodeToString((id + ":" + secret).getBytes(StandardCharsets.UTF_8));
    }
}
