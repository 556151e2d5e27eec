package io.latchkey.mfa.authentications;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.latchkey.flows.MultiFactor;
import io.latchkey.http.ApiException;
import io.latchkey.http.ErrorDetail;
import io.latchkey.http.Json;
import io.latchkey.http.Validation;
import io.latchkey.mfa.policies.MfaPolicy;
import io.latchkey.mfa.policies.MfaPolicyService;
import io.latchkey.storage.Database;
import io.latchkey.storage.Ids;
import io.latchkey.users.User;
import io.latchkey.users.UserService;
import java.time.Duration;
import java.util.List;

/**
 * Runs MFA-only transactions: start one for a user, select a device, check a passcode. Every step reads the transaction
 * from the database and writes it back conditionally, so any process serves any step. Devices are asked through
 * {@link MultiFactor}, exactly as the sign-on's MFA step asks them.
 */
public final class DeviceAuthenticationService {
    /** A transaction lives this long from its start, whatever happens (PingOne's flows live 15 minutes). */
    static final Duration LIFETIME = Duration.ofMinutes(15);
    /** Longer than any passcode (PingOne's are at most 10 digits); a longer one is refused unread. */
    static final int LONGEST_OTP = 64;

    private final Database db;
    private final DeviceAuthenticationStore store = new DeviceAuthenticationStore();
    private final UserService users;
    private final MfaPolicyService mfaPolicies;
    private final MultiFactor factors;

    public DeviceAuthenticationService(
            Database db, UserService users, MfaPolicyService mfaPolicies, MultiFactor factors) {
        this.db = db;
        this.users = users;
        this.mfaPolicies = mfaPolicies;
        this.factors = factors;
    }

    /**
     * {@code POST /deviceAuthentications}: {@code {"user": {"id"}, "policy": {"id"}?}}. Without a policy, the
     * environment's default MFA policy runs it. A user who cannot be asked for a second factor (disabled, MFA off, no
     * usable device) gets a transaction that is FAILED from the start, with the reason in {@code error}.
     */
    public DeviceAuthentication start(String env, JsonNode body) {
        Validation v = new Validation();
        if (!body.isObject())
            throw ApiException.invalidData(ErrorDetail.invalid("body", "The body must be an object."));
        String userId = id(body, "user", true, v);
        String policyId = id(body, "policy", false, v);
        if (body.has("selectedDevice")) {
            v.add(ErrorDetail.invalid(
                    "selectedDevice", "Latchkey does not support choosing a device (or a one-time device) here."));
        }
        v.throwIfAny();
        User user = users.find(env, userId).orElse(null);
        if (user == null) v.add(ErrorDetail.invalid("user.id", "The user '" + userId + "' does not exist."));
        if (policyId != null
                && mfaPolicies
                        .find(MfaPolicy.Kind.DEVICE_AUTHENTICATION, env, policyId)
                        .isEmpty()) {
            v.add(ErrorDetail.invalid("policy.id", "The MFA policy '" + policyId + "' does not exist."));
        }
        v.throwIfAny();

        long now = System.currentTimeMillis();
        String id = Ids.newId();
        long expiresAt = now + LIFETIME.toMillis();
        if (!user.enabled()) {
            return insert(failed(
                    id,
                    env,
                    userId,
                    policyId,
                    "ACCOUNT_NOT_USABLE",
                    "The user's account is disabled.",
                    now,
                    expiresAt));
        }
        if (!user.mfaEnabled()) {
            return insert(failed(
                    id, env, userId, policyId, "MFA_NOT_ENABLED", "MFA is not enabled for the user.", now, expiresAt));
        }
        ObjectNode action = Json.object();
        if (policyId != null) action.putObject("deviceAuthenticationPolicy").put("id", policyId);
        MultiFactor.Challenge c = factors.challenge(env, userId, action);
        List<MultiFactor.Device> devices = c.devices().stream()
                .filter(d -> DeviceKinds.answersWithPasscode(d.type()))
                .toList();
        if (devices.isEmpty()) {
            return insert(failed(
                    id,
                    env,
                    userId,
                    c.policyId(),
                    "NO_USABLE_DEVICES",
                    "The user has no device the MFA policy allows.",
                    now,
                    expiresAt));
        }
        MultiFactor.Device first = devices.get(0);
        boolean prompt = c.promptToSelect();
        DeviceAuthentication a = insert(new DeviceAuthentication(
                id,
                env,
                userId,
                c.policyId(),
                prompt ? DeviceAuthenticationStatus.DEVICE_SELECTION_REQUIRED : DeviceAuthenticationStatus.OTP_REQUIRED,
                devices,
                prompt ? null : first.id(),
                null,
                null,
                now,
                now,
                expiresAt));
        if (!prompt && DeviceKinds.sendsOtp(first.type())) factors.sendOtp(env, userId, a.policyId(), first.id());
        return a;
    }

    /** {@code GET /deviceAuthentications/{id}}. */
    public DeviceAuthentication get(String env, String id) {
        return read(env, id).authentication();
    }

    /**
     * {@code device.select}: {@code {"device": {"id"}}}, one of the devices offered. A passcode is sent to an email or
     * a phone (selecting the same one again sends a new one).
     */
    public DeviceAuthentication select(String env, String id, String contentType, JsonNode body) {
        DeviceAuthenticationStore.Read read = read(env, id);
        DeviceAuthentication a = read.authentication();
        boolean offered = a.status() == DeviceAuthenticationStatus.DEVICE_SELECTION_REQUIRED
                || a.status() == DeviceAuthenticationStatus.OTP_REQUIRED && a.canSelectAgain();
        if (!offered) throw DeviceAuthenticationErrors.notAccepted(contentType, a);
        JsonNode deviceId = body.path("device").path("id");
        if (!deviceId.isTextual()) throw ApiException.invalidData(ErrorDetail.required("device.id"));
        MultiFactor.Device d = a.devices().stream()
                .filter(x -> x.id().equals(deviceId.asText()))
                .findFirst()
                .orElseThrow(() -> ApiException.invalidData(
                        ErrorDetail.invalid("device.id", "The device is not one this device authentication offers.")));
        DeviceAuthentication next =
                a.moved(DeviceAuthenticationStatus.OTP_REQUIRED, d.id(), System.currentTimeMillis());
        write(next, read);
        // Sent once the transaction has moved: a step that lost a race sends nothing.
        if (DeviceKinds.sendsOtp(d.type())) factors.sendOtp(env, a.userId(), a.policyId(), d.id());
        return next;
    }

    /**
     * {@code otp.check}: {@code {"otp"}} for the selected device. Right: COMPLETED. Wrong, expired or used: 400
     * {@code INVALID_OTP}; the device locked after too many: 400 {@code QUOTA_EXCEEDED}; the transaction stays where it
     * is either way (another device may still be selected).
     */
    public DeviceAuthentication checkOtp(String env, String id, String contentType, JsonNode body) {
        DeviceAuthenticationStore.Read read = read(env, id);
        DeviceAuthentication a = read.authentication();
        if (a.status() != DeviceAuthenticationStatus.OTP_REQUIRED) {
            throw DeviceAuthenticationErrors.notAccepted(contentType, a);
        }
        JsonNode otp = body.get("otp");
        if (otp == null || otp.isNull()) throw ApiException.invalidData(ErrorDetail.required("otp"));
        if (!otp.isTextual() || otp.asText().isEmpty() || otp.asText().length() > LONGEST_OTP) {
            throw ApiException.invalidData(ErrorDetail.invalid(
                    "otp", "'otp' must be a non-empty string of at most " + LONGEST_OTP + " characters."));
        }
        return switch (factors.checkOtp(env, a.userId(), a.policyId(), a.selectedDeviceId(), otp.asText())) {
            case MultiFactor.OtpCheck.Ok ok -> {
                DeviceAuthentication done =
                        a.moved(DeviceAuthenticationStatus.COMPLETED, a.selectedDeviceId(), System.currentTimeMillis());
                write(done, read);
                yield done;
            }
            case MultiFactor.OtpCheck.Wrong w -> throw DeviceAuthenticationErrors.wrongOtp(w.attemptsLeft());
            case MultiFactor.OtpCheck.Locked l -> throw DeviceAuthenticationErrors.locked(l.secondsUntilUnlock());
        };
    }

    private DeviceAuthenticationStore.Read read(String env, String id) {
        if (!Ids.isUuid(id)) throw DeviceAuthenticationErrors.unknown(id);
        long now = System.currentTimeMillis();
        return db.withHandle(h -> store.find(h, env, id))
                .filter(r -> r.authentication().expiresAt() > now)
                .orElseThrow(() -> DeviceAuthenticationErrors.unknown(id));
    }

    private void write(DeviceAuthentication next, DeviceAuthenticationStore.Read read) {
        if (!db.inTransaction(h -> store.update(h, next, read))) throw DeviceAuthenticationErrors.concurrentStep();
    }

    private DeviceAuthentication insert(DeviceAuthentication a) {
        db.useTransaction(h -> store.insert(h, a));
        return a;
    }

    private static DeviceAuthentication failed(
            String id, String env, String userId, String policyId, String code, String message, long now, long exp) {
        return new DeviceAuthentication(
                id,
                env,
                userId,
                policyId,
                DeviceAuthenticationStatus.FAILED,
                List.of(),
                null,
                code,
                message,
                now,
                now,
                exp);
    }

    /** {@code {"<name>": {"id": "<uuid>"}}}: the id, or null (with a detail in {@code v} when it is wrong). */
    private static String id(JsonNode body, String name, boolean required, Validation v) {
        JsonNode ref = body.get(name);
        if (ref == null || ref.isNull()) {
            if (required) v.add(ErrorDetail.required(name + ".id"));
            return null;
        }
        JsonNode id = ref.path("id");
        if (id.isMissingNode() || id.isNull()) {
            v.add(ErrorDetail.required(name + ".id"));
            return null;
        }
        if (!id.isTextual() || !Ids.isUuid(id.asText())) {
            v.add(ErrorDetail.invalid(name + ".id", "'" + name + ".id' must be an id (a UUID)."));
            return null;
        }
        return id.asText();
    }
}
