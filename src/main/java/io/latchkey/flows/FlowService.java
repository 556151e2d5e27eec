package io.latchkey.flows;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.latchkey.crypto.Secrets;
import io.latchkey.http.ApiException;
import io.latchkey.http.ErrorDetail;
import io.latchkey.http.Json;
import io.latchkey.http.Validation;
import io.latchkey.notify.Notifier;
import io.latchkey.passwords.PasswordService;
import io.latchkey.passwords.SignOnCheck;
import io.latchkey.policies.SignOnPolicyLookup;
import io.latchkey.sessions.SessionService;
import io.latchkey.sessions.SignOnSession;
import io.latchkey.storage.Database;
import io.latchkey.storage.Ids;
import io.latchkey.throttle.FailedCheckLimit;
import io.latchkey.users.User;
import io.latchkey.users.UserService;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Runs sign-on flows: every step is read from the database, checked against {@link FlowMachine}, carried out, and
 * written back conditionally, so any process can serve any step of any flow.
 */
public final class FlowService {
    /** A flow lives this long after its last step (PingOne's examples show 15 minutes). */
    static final Duration LIFETIME = Duration.ofMinutes(15);
    /** Binds a flow to the browser that started it (set by /as/authorize, checked at every step and at resume). */
    public static final String BROWSER_COOKIE = "ST-FLOW";
    /** The longest username, password or code a step accepts (the longest password a policy can allow). */
    static final int LONGEST_TYPED_VALUE = 4096;
    /** Where a flow's data keeps the name of the sign-on policy it runs: the acr of the session it creates. */
    private static final String POLICY_NAME = "policyName";
    /** RFC 8176's "multiple-factor authentication": in the amr of every sign-on that passed the MFA step. */
    private static final String MFA_AMR = "mfa";
    /**
     * Where a device authorization grant flow keeps its state: the application the start path named (codes of others
     * are refused), then the authorization the user code named and its scopes.
     */
    static final String DEVICE_GRANT = "deviceGrant";

    static final String PATH_APPLICATION = "pathApplicationId";
    static final String AUTHORIZATION_ID = "authorizationId";
    static final String SCOPES = "scopes";

    private final Database db;
    private final FlowStore store = new FlowStore();
    private final UserService users;
    private final PasswordService passwords;
    private final SessionService sessions;
    private final SignOnPolicyLookup policies;
    private final Notifier notifier;
    private final FailedCheckLimit failedChecks;
    private final DeviceAuthorizations devices;
    private final MfaStep mfa;
    private final FlowMetrics metrics;

    public FlowService(
            Database db,
            UserService users,
            PasswordService passwords,
            SessionService sessions,
            SignOnPolicyLookup policies,
            Notifier notifier,
            FailedCheckLimit failedChecks,
            DeviceAuthorizations devices,
            MultiFactor factors,
            FlowMetrics metrics) {
        this.db = db;
        this.metrics = metrics;
        this.users = users;
        this.passwords = passwords;
        this.sessions = sessions;
        this.policies = policies;
        this.notifier = notifier;
        this.failedChecks = failedChecks;
        this.devices = devices;
        this.mfa = new MfaStep(factors);
    }

    /** The result of a step; {@code sessionCookie} is set when the step signed the user on. */
    public record Outcome(Flow flow, String sessionCookie) {}

    /**
     * Who posted a step: the client's address (for the limit on failed checks, and the policy's IP conditions) and
     * the browser's session cookie, if any (for the conditions on its last sign-on).
     */
    private record Poster(String clientAddress, String sessionCookie) {}

    /**
     * Starts a flow for an authorize request (as JSON text), bound to the browser holding {@code browserToken}, under
     * the sign-on policy {@code acrValues} select (see {@link SignOnPolicyLookup#choose}).
     */
    public Flow start(
            String env, String applicationId, String authorizeRequest, List<String> acrValues, String browserToken) {
        ObjectNode data = policyData(env, applicationId, acrValues);
        long now = System.currentTimeMillis();
        Flow f = new Flow(
                Ids.newId(),
                env,
                applicationId,
                Secrets.hash(browserToken),
                FlowStatus.USERNAME_PASSWORD_REQUIRED,
                authorizeRequest,
                null,
                null,
                data,
                now,
                now,
                now + LIFETIME.toMillis());
        db.useTransaction(h -> store.insert(h, f));
        metrics.entered(f.status());
        return f;
    }

    /**
     * Starts a device authorization grant flow (PingOne's {@code GET /{envId}/device[/{appIdentifier}]}) under the
     * sign-on policy of {@code applicationId}, the application the path names, or without one (null) under the
     * environment's default policy. PingOne's order: sign on, enter the user code, consent. A browser with a live
     * session ({@code userId} and {@code sessionId}, else both null) is signed on already: its flow starts at
     * {@code DAG_USER_CODE_REQUIRED}.
     */
    public Flow startDeviceGrant(
            String env, String applicationId, String browserToken, String userId, String sessionId) {
        ObjectNode data = policyData(env, applicationId, List.of());
        ObjectNode grant = data.putObject(DEVICE_GRANT);
        if (applicationId != null) grant.put(PATH_APPLICATION, applicationId);
        long now = System.currentTimeMillis();
        Flow f = new Flow(
                Ids.newId(),
                env,
                applicationId,
                Secrets.hash(browserToken),
                sessionId != null ? FlowStatus.DAG_USER_CODE_REQUIRED : FlowStatus.USERNAME_PASSWORD_REQUIRED,
                "{}",
                sessionId != null ? userId : null,
                sessionId,
                data,
                now,
                now,
                now + LIFETIME.toMillis());
        db.useTransaction(h -> store.insert(h, f));
        metrics.entered(f.status());
        return f;
    }

    /** The scopes a device flow asks the user to allow (once its user code is verified; else none). */
    public static List<String> deviceScopes(Flow f) {
        List<String> scopes = new ArrayList<>();
        f.data().path(DEVICE_GRANT).path(SCOPES).forEach(n -> scopes.add(n.asText()));
        return scopes;
    }

    private ObjectNode policyData(String env, String applicationId, List<String> acrValues) {
        Optional<SignOnPolicyLookup.Chosen> policy = policies.choose(env, applicationId, acrValues);
        ObjectNode data = Json.object();
        data.set(
                "login",
                loginSettings(policy.map(SignOnPolicyLookup.Chosen::actions).orElse(List.of())));
        policy.ifPresent(p -> data.put(POLICY_NAME, p.name()));
        MfaStep.remember(data, policy.map(SignOnPolicyLookup.Chosen::actions).orElse(List.of()));
        return data;
    }

    /** Starts a flow that is complete at once: the browser already has a live session (SSO). */
    public Flow startCompleted(
            String env,
            String applicationId,
            String authorizeRequest,
            String browserToken,
            String userId,
            String sessionId) {
        long now = System.currentTimeMillis();
        Flow f = new Flow(
                Ids.newId(),
                env,
                applicationId,
                Secrets.hash(browserToken),
                FlowStatus.COMPLETED,
                authorizeRequest,
                userId,
                sessionId,
                Json.object(),
                now,
                now,
                now + LIFETIME.toMillis());
        db.useTransaction(h -> store.insert(h, f));
        metrics.entered(f.status());
        return f;
    }

    /** The flow, if it exists, has not expired, and belongs to this browser. */
    public Flow read(String env, String flowId, String browserToken) {
        Flow f = db.withHandle(h -> store.find(h, env, flowId)).orElse(null);
        if (f == null || f.expiresAt() < System.currentTimeMillis()) throw FlowErrors.unknownFlow(flowId);
        if (browserToken == null || !Secrets.constantTimeEquals(f.browserHash(), Secrets.hash(browserToken))) {
            throw FlowErrors.notThisBrowser();
        }
        return f;
    }

    /**
     * The application an unexpired flow signs on to, whichever browser holds it: only for deciding which origins may
     * read the answers about it (CORS), never to act on the flow.
     */
    public Optional<String> applicationOf(String env, String flowId) {
        if (!Ids.isUuid(env) || !Ids.isUuid(flowId)) return Optional.empty();
        return db.withHandle(h -> store.find(h, env, flowId))
                .filter(f -> f.expiresAt() >= System.currentTimeMillis())
                .map(Flow::applicationId);
    }

    /** Consumes a completed or failed flow (at resume): it cannot be resumed twice. */
    public Flow consume(String env, String flowId, String browserToken) {
        Flow f = read(env, flowId, browserToken);
        if (!f.status().terminal()) {
            throw ApiException.invalidRequest("The flow is not complete: its status is " + f.status() + ".");
        }
        if (!db.inTransaction(h -> store.delete(h, env, flowId))) throw FlowErrors.unknownFlow(flowId);
        return f;
    }

    /** The actions the client may post now, given the status and the LOGIN action's settings. */
    public List<FlowAction> offered(Flow f) {
        JsonNode login = f.data().path("login");
        return FlowMachine.actions(f.status()).stream()
                .filter(a -> a != FlowAction.PASSWORD_FORGOT
                        || login.path("recovery").asBoolean(false))
                .filter(a -> a != FlowAction.USER_REGISTER
                        || login.path("registration").asBoolean(false))
                // While a passcode is asked for: to change device, or to have a new passcode sent.
                .filter(a -> a != FlowAction.DEVICE_SELECT
                        || f.status() == FlowStatus.DEVICE_SELECTION_REQUIRED
                        || MfaStep.canSelectAgain(f))
                .toList();
    }

    /**
     * Carries out one step posted with {@code contentType} on {@code f}, as just {@link #read} for this browser.
     * {@code clientAddress} is who posted it, for the limit on failed checks of typed secrets.
     */
    public Outcome act(Flow f, String contentType, JsonNode body, String clientAddress) {
        return act(f, contentType, body, clientAddress, null);
    }

    /** As {@link #act(Flow, String, JsonNode, String)}, from a browser holding the session cookie {@code session}. */
    public Outcome act(Flow f, String contentType, JsonNode body, String clientAddress, String session) {
        Poster poster = new Poster(clientAddress, session);
        List<FlowAction> offered = offered(f);
        FlowAction action = FlowAction.forContentType(contentType)
                .filter(offered::contains)
                .orElseThrow(() -> FlowErrors.notAccepted(contentType, f.status(), offered));
        ObjectNode in = body != null && body.isObject() ? (ObjectNode) body : Json.object();
        return switch (action) {
            case USERNAME_PASSWORD_CHECK -> checkPassword(f, in, poster);
            case SESSION_RESET -> moveTo(f, FlowStatus.USERNAME_PASSWORD_REQUIRED, null, resetData(f), action);
            case PASSWORD_FORGOT -> forgotPassword(f, in);
            case PASSWORD_SEND_RECOVERY_CODE -> sendRecoveryCode(f);
            case PASSWORD_RECOVER -> recover(f, in, poster);
            case PASSWORD_RESET -> resetPassword(f, in, poster);
            case USER_REGISTER -> register(f, in, poster);
            case DEVICE_AUTH_GRANT_USER_CODE_VERIFY -> verifyUserCode(f, in, clientAddress);
            case DEVICE_AUTH_GRANT_CONSENT -> consent(f, in);
            case DEVICE_SELECT -> selectDevice(f, in);
            case OTP_CHECK -> checkOtp(f, in, clientAddress);
            case ASSERTION_CHECK -> checkAssertion(f, in);
        };
    }

    private Outcome checkPassword(Flow f, ObjectNode in, Poster poster) {
        String clientAddress = poster.clientAddress();
        Validation v = new Validation();
        String username = requiredText(in, "username", v);
        String password = requiredText(in, "password", v);
        v.throwIfAny();
        Optional<User> user = users.findByUsername(f.environmentId(), username);
        if (f.userId() != null && user.map(u -> !u.id().equals(f.userId())).orElse(true)) {
            throw ApiException.invalidData(
                    ErrorDetail.invalid("username", "The username must be the one this flow is for."));
        }
        // Before the hash is computed: a refused attempt costs next to nothing and counts no failure on the account.
        FailedCheckLimit.Taken taken = failedChecks.take(clientAddress, f.environmentId(), username);
        SignOnCheck check =
                passwords.checkSignOn(f.environmentId(), user.map(User::id).orElse(null), password, f.applicationId());
        if (check instanceof SignOnCheck.Ok) taken.giveBack();
        metrics.signOn(check);
        return switch (check) {
            case SignOnCheck.Ok ok ->
                ok.mustChange()
                        ? moveTo(
                                f,
                                FlowStatus.MUST_CHANGE_PASSWORD,
                                user.get().id(),
                                f.data(),
                                FlowAction.USERNAME_PASSWORD_CHECK)
                        : firstFactorDone(f, user.get().id(), FlowAction.USERNAME_PASSWORD_CHECK, poster);
            case SignOnCheck.Wrong w -> throw FlowErrors.invalidCredentials();
            case SignOnCheck.NoPassword n -> throw FlowErrors.invalidCredentials();
            case SignOnCheck.Locked l -> throw FlowErrors.lockedOut(l.secondsUntilUnlock());
            case SignOnCheck.Disabled d -> throw FlowErrors.accountNotUsable();
        };
    }

    private Outcome resetPassword(Flow f, ObjectNode in, Poster poster) {
        String clientAddress = poster.clientAddress();
        Validation v = new Validation();
        String current = requiredText(in, "currentPassword", v);
        String next = requiredText(in, "newPassword", v);
        v.throwIfAny();
        String username = users.get(f.environmentId(), f.userId()).username();
        FailedCheckLimit.Taken taken = failedChecks.take(clientAddress, f.environmentId(), username);
        passwords.change(f.environmentId(), f.userId(), current, next, taken::giveBack);
        return firstFactorDone(f, f.userId(), FlowAction.PASSWORD_RESET, poster);
    }

    private Outcome forgotPassword(Flow f, ObjectNode in) {
        Validation v = new Validation();
        String username = requiredText(in, "username", v);
        v.throwIfAny();
        ObjectNode data = f.data().deepCopy();
        // Recovery codes typed later are limited per this username, whether or not it exists.
        data.put("recoveryUsername", username);
        // Whether or not the user exists, the flow moves on the same way: nothing to enumerate.
        users.findByUsername(f.environmentId(), username).filter(User::enabled).ifPresent(u -> {
            data.put("recoveryUserId", u.id());
            sendCode(f.environmentId(), u);
        });
        return moveTo(f, FlowStatus.RECOVERY_CODE_REQUIRED, null, data, FlowAction.PASSWORD_FORGOT);
    }

    private Outcome sendRecoveryCode(Flow f) {
        String userId = f.data().path("recoveryUserId").asText(null);
        if (userId != null) sendCode(f.environmentId(), users.get(f.environmentId(), userId));
        return moveTo(f, FlowStatus.RECOVERY_CODE_REQUIRED, null, f.data(), FlowAction.PASSWORD_SEND_RECOVERY_CODE);
    }

    private void sendCode(String env, User u) {
        String code = passwords.startRecovery(env, u.id());
        notifier.send(env, u.id(), u.email(), "password.recover", code);
    }

    private Outcome recover(Flow f, ObjectNode in, Poster poster) {
        String clientAddress = poster.clientAddress();
        Validation v = new Validation();
        String code = requiredText(in, "recoveryCode", v);
        String next = requiredText(in, "newPassword", v);
        v.throwIfAny();
        // Taken for unknown users too (and kept: their code is always wrong), so the limit tells nothing apart.
        FailedCheckLimit.Taken taken = failedChecks.take(
                clientAddress,
                f.environmentId(),
                f.data().path("recoveryUsername").asText(null));
        String userId = f.data().path("recoveryUserId").asText(null);
        if (userId == null) {
            throw ApiException.invalidData(
                    ErrorDetail.invalid("recoveryCode", "The recovery code is invalid or has expired."));
        }
        passwords.recover(f.environmentId(), userId, code, next, taken::giveBack);
        return firstFactorDone(f, userId, FlowAction.PASSWORD_RECOVER, poster);
    }

    private Outcome register(Flow f, ObjectNode in, Poster poster) {
        JsonNode registration = f.data().path("login").path("registrationPopulationId");
        User u = users.register(f.environmentId(), registration.isTextual() ? registration.asText() : null, in);
        return firstFactorDone(f, u.id(), FlowAction.USER_REGISTER, poster);
    }

    /**
     * {@code deviceAuthGrant.userCode.verify}: the code the device shows, typed by the signed-on user. A wrong code
     * counts as a failed check of a typed secret (per address and per this user: guessing codes takes an account, and
     * locks out only its own), and leaves the flow where it was.
     */
    private Outcome verifyUserCode(Flow f, ObjectNode in, String clientAddress) {
        Validation v = new Validation();
        String typed = requiredText(in, "userCode", v);
        v.throwIfAny();
        String env = f.environmentId();
        FailedCheckLimit.Taken taken =
                failedChecks.take(clientAddress, env, users.get(env, f.userId()).username());
        String onlyFor = f.data().path(DEVICE_GRANT).path(PATH_APPLICATION).asText(null);
        DeviceAuthorizations.Pending d = devices.pendingByUserCode(env, typed)
                .filter(p -> onlyFor == null || onlyFor.equals(p.applicationId()))
                .orElseThrow(FlowErrors::wrongUserCode);
        taken.giveBack();
        ObjectNode data = f.data().deepCopy();
        ObjectNode grant = (ObjectNode) data.get(DEVICE_GRANT);
        grant.put(AUTHORIZATION_ID, d.id());
        ArrayNode scopes = grant.putArray(SCOPES);
        d.scopes().forEach(scopes::add);
        return moveTo(
                f.withApplication(d.applicationId()),
                FlowStatus.DAG_CONSENT_REQUIRED,
                f.userId(),
                data,
                FlowAction.DEVICE_AUTH_GRANT_USER_CODE_VERIFY);
    }

    /**
     * {@code deviceAuthGrant.consent}: {@code accept: true} approves the device authorization with this sign-on (the
     * device's next poll gets its tokens) and completes the flow; {@code false} denies it (the poll gets
     * {@code access_denied}) and fails the flow. The decision and the flow's new status commit together.
     */
    private Outcome consent(Flow f, ObjectNode in) {
        JsonNode accept = in.get("accept");
        if (accept == null || accept.isNull()) throw ApiException.invalidData(ErrorDetail.required("accept"));
        if (!accept.isBoolean()) {
            throw ApiException.invalidData(ErrorDetail.invalid("accept", "'accept' must be true or false."));
        }
        String env = f.environmentId();
        String id = f.data().path(DEVICE_GRANT).path(AUTHORIZATION_ID).asText(null);
        if (id == null || devices.pending(env, id).isEmpty()) throw FlowErrors.deviceAuthorizationGone();
        boolean approve = accept.booleanValue();
        FlowStatus to = approve ? FlowStatus.COMPLETED : FlowStatus.FAILED;
        check(f.status(), FlowAction.DEVICE_AUTH_GRANT_CONSENT, to);
        long now = System.currentTimeMillis();
        Flow next = f.with(to, f.userId(), f.sessionId(), f.data(), now, now + LIFETIME.toMillis());
        Outcome decided = db.inTransaction(h -> {
            if (!store.update(h, next, f.status())) throw FlowErrors.concurrentStep();
            if (!devices.decide(h, env, id, approve, f.userId(), f.sessionId())) {
                throw FlowErrors.deviceAuthorizationGone();
            }
            return new Outcome(next, null);
        });
        metrics.entered(to);
        return decided;
    }

    /**
     * The first factor (the password) is done for {@code userId}: signed on, or on to the MFA step when the policy's
     * MFA action applies to the user.
     */
    private Outcome firstFactorDone(Flow f, String userId, FlowAction action, Poster poster) {
        if (!MfaStep.configured(f)) return complete(f, userId, action, List.of("pwd"));
        String env = f.environmentId();
        long now = System.currentTimeMillis();
        User user = users.get(env, userId);
        ActionCondition.Facts facts =
                new ActionCondition.Facts(user, poster.clientAddress(), lastMfaAt(env, userId, poster), now, now);
        return switch (mfa.afterFirstFactor(f, user, facts)) {
            case MfaStep.Next.SignOn s -> complete(f, userId, action, List.of("pwd"));
            case MfaStep.Next.Challenge c -> challenge(f, userId, action, c);
            case MfaStep.Next.Blocked b -> moveTo(f, FlowStatus.FAILED, userId, b.data(), action);
        };
    }

    /** When this browser last signed this user on with MFA: its live session's sign-on, if that used MFA. */
    private Long lastMfaAt(String env, String userId, Poster poster) {
        return sessions.fromCookie(env, poster.sessionCookie())
                .filter(s -> s.userId().equals(userId) && s.amr().contains(MFA_AMR))
                .map(SignOnSession::authTime)
                .orElse(null);
    }

    private Outcome challenge(Flow f, String userId, FlowAction action, MfaStep.Next.Challenge c) {
        Outcome moved = moveTo(f, c.status(), userId, c.data(), action);
        // Sent once the flow has moved: a step that lost a race sends nothing.
        if (c.sendTo() != null) mfa.send(moved.flow(), c.sendTo());
        return moved;
    }

    /** {@code device.select}: the device that answers; a passcode goes to it when it is an email or a phone. */
    private Outcome selectDevice(Flow f, ObjectNode in) {
        return challenge(f, null, FlowAction.DEVICE_SELECT, mfa.select(f, in));
    }

    /**
     * {@code otp.check}: the passcode of the selected device. A wrong one also counts as a failed check of a typed
     * secret (per address and user), besides the device's own count under the MFA policy.
     */
    private Outcome checkOtp(Flow f, ObjectNode in, String clientAddress) {
        Validation v = new Validation();
        String otp = requiredText(in, "otp", v);
        v.throwIfAny();
        String env = f.environmentId();
        FailedCheckLimit.Taken taken =
                failedChecks.take(clientAddress, env, users.get(env, f.userId()).username());
        String method = mfa.checkOtp(f, otp);
        taken.giveBack();
        return complete(f, f.userId(), FlowAction.OTP_CHECK, List.of("pwd", method, MFA_AMR));
    }

    /**
     * {@code assertion.check}: the WebAuthn assertion of the selected FIDO2 device. Not counted against the address
     * like a typed secret: nothing can be guessed (the challenge is new for each sign-on); the device's own count under
     * the MFA policy applies.
     */
    private Outcome checkAssertion(Flow f, ObjectNode in) {
        String method = mfa.checkAssertion(f, in);
        return complete(f, f.userId(), FlowAction.ASSERTION_CHECK, List.of("pwd", method, MFA_AMR));
    }

    private Outcome moveTo(Flow f, FlowStatus to, String userId, ObjectNode data, FlowAction action) {
        check(f.status(), action, to);
        long now = System.currentTimeMillis();
        Flow next = f.with(
                to,
                userId != null ? userId : (to == FlowStatus.USERNAME_PASSWORD_REQUIRED ? null : f.userId()),
                // A device flow's steps after the sign-on keep its session; a reset forgets it.
                to == FlowStatus.USERNAME_PASSWORD_REQUIRED ? null : f.sessionId(),
                data,
                now,
                now + LIFETIME.toMillis());
        if (!db.inTransaction(h -> store.update(h, next, f.status()))) throw FlowErrors.concurrentStep();
        metrics.entered(to);
        return new Outcome(next, null);
    }

    /**
     * Signs the user on: a new session (new cookie value) and the flow COMPLETED, in one transaction. A device flow
     * goes on to the user code instead.
     */
    private Outcome complete(Flow f, String userId, FlowAction action, List<String> amr) {
        FlowStatus signedOn = f.deviceGrant() ? FlowStatus.DAG_USER_CODE_REQUIRED : FlowStatus.COMPLETED;
        check(f.status(), action, signedOn);
        long now = System.currentTimeMillis();
        Outcome signedOnOutcome = db.inTransaction(h -> {
            SessionService.Created s = sessions.create(
                    h,
                    f.environmentId(),
                    userId,
                    amr,
                    f.data().path(POLICY_NAME).asText(null));
            Flow next = f.with(signedOn, userId, s.session().id(), f.data(), now, now + LIFETIME.toMillis());
            if (!store.update(h, next, f.status())) throw FlowErrors.concurrentStep();
            return new Outcome(next, s.cookieValue());
        });
        metrics.entered(signedOn);
        return signedOnOutcome;
    }

    /** Where the sign-on that {@code outcome} completed came from, kept by the session it started. */
    public void recordSignOnOrigin(Outcome outcome, String clientAddress, String userAgent) {
        if (outcome.sessionCookie() == null || outcome.flow().sessionId() == null) return;
        sessions.recordOrigin(outcome.flow().environmentId(), outcome.flow().sessionId(), clientAddress, userAgent);
    }

    private static void check(FlowStatus from, FlowAction action, FlowStatus to) {
        if (!FlowMachine.leadsTo(from, action, to)) {
            throw new IllegalStateException(
                    "Transition " + from + " --" + action + "--> " + to + " is not in the machine");
        }
    }

    private static ObjectNode resetData(Flow f) {
        ObjectNode data = Json.object();
        data.set("login", f.data().path("login").deepCopy());
        if (f.data().has(POLICY_NAME)) data.set(POLICY_NAME, f.data().get(POLICY_NAME));
        MfaStep.carryOver(f, data);
        if (f.deviceGrant()) {
            // Start the device steps over too: the user code is asked for again after the new sign-on.
            ObjectNode grant = data.putObject(DEVICE_GRANT);
            JsonNode pathApp = f.data().path(DEVICE_GRANT).get(PATH_APPLICATION);
            if (pathApp != null) grant.set(PATH_APPLICATION, pathApp);
        }
        return data;
    }

    private static String requiredText(ObjectNode in, String field, Validation v) {
        JsonNode n = in.get(field);
        if (n == null || n.isNull()) {
            v.add(ErrorDetail.required(field));
            return null;
        }
        if (!n.isTextual() || n.asText().isEmpty()) {
            v.add(ErrorDetail.invalid(field, "'" + field + "' must be a non-empty string."));
            return null;
        }
        if (n.asText().length() > LONGEST_TYPED_VALUE) {
            v.add(ErrorDetail.invalid(
                    field, "'" + field + "' must be at most " + LONGEST_TYPED_VALUE + " characters long."));
            return null;
        }
        return n.asText();
    }

    /** The policy's LOGIN action settings: whether recovery and registration are offered, and where users register. */
    private static ObjectNode loginSettings(List<io.latchkey.policies.Action> actions) {
        ObjectNode login = Json.object();
        login.put("recovery", false);
        login.put("registration", false);
        for (io.latchkey.policies.Action a : actions) {
            if (!a.type().equals("LOGIN")) continue;
            login.put("recovery", a.doc().path("recovery").path("enabled").asBoolean(false));
            login.put(
                    "registration", a.doc().path("registration").path("enabled").asBoolean(false));
            JsonNode pop = a.doc().path("registration").path("population").path("id");
            if (pop.isTextual()) login.put("registrationPopulationId", pop.asText());
            break;
        }
        return login;
    }
}
