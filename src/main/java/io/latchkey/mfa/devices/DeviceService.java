package io.latchkey.mfa.devices;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.latchkey.crypto.SecretBox;
import io.latchkey.http.ApiException;
import io.latchkey.http.ErrorDetail;
import io.latchkey.http.Shape;
import io.latchkey.http.Validation;
import io.latchkey.notify.Notifier;
import io.latchkey.storage.Database;
import io.latchkey.storage.Ids;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Set;
import org.jdbi.v3.core.Handle;

/**
 * Every rule of users' MFA devices: creating them (EMAIL, SMS and VOICE are ACTIVE unless activation is asked for;
 * TOTP always waits for its first code, within a 30-minute pairing window), activating them with a code (wrong
 * codes counted and locking the device as the policy says), resending the activation code, nicknames, order, and
 * the limit of devices per user.
 */
public final class DeviceService {
    /** How long a TOTP secret may wait for its first code (PingOne: 30 minutes). */
    static final Duration TOTP_PAIRING = Duration.ofMinutes(30);

    static final String ACTIVATION_PURPOSE = "mfa.device.activation";

    private static final Shape CREATE = Shape.of()
            .string("type", f -> f.required().maxLength(64))
            .string("email", f -> f.maxLength(320))
            .string("phone", f -> f.maxLength(64))
            .string("nickname", f -> f.maxLength(256))
            .string("status", f -> f.oneOf(DeviceStatus.class))
            .ref("policy", Shape.optional())
            .object("rp", Fido2Pairing.RP, Shape.optional());
    private static final Shape NICKNAME =
            Shape.of().string("nickname", f -> f.required().maxLength(256));
    private static final Shape ACTIVATE =
            Shape.of().string("otp", f -> f.required().maxLength(64));
    private static final Shape REORDER = Shape.of()
            .objectArray(
                    "order",
                    Shape.of().string("id", f -> f.required().maxLength(36)),
                    f -> f.required().items(1, 100));

    private final Database db;
    private final SecretBox box;
    private final Notifier notifier;
    private final DevicePolicyValues policies;
    private final DeviceStore store = new DeviceStore();
    private final Fido2Pairing fido2;

    public DeviceService(
            Database db, SecretBox box, Notifier notifier, DevicePolicyValues policies, WebAuthnCeremonies webAuthn) {
        this.db = db;
        this.box = box;
        this.notifier = notifier;
        this.policies = policies;
        this.fido2 = new Fido2Pairing(policies, webAuthn, store);
    }

    /**
     * A device as the API shows it: the TOTP secret and its Key URI, or a FIDO2 device's creation options, only while
     * the pairing is open.
     */
    record View(Device device, String secret, String keyUri, String creationOptions, long now) {}

    // ---------------------------------------------------------------- reading

    public List<View> list(String env, String userId) {
        long now = System.currentTimeMillis();
        return db.withHandle(h -> {
            requireUser(h, env, userId);
            List<View> views = new ArrayList<>();
            for (Device d : store.list(h, env, userId)) views.add(view(h, d, now));
            return views;
        });
    }

    public View get(String env, String userId, String id) {
        long now = System.currentTimeMillis();
        return db.withHandle(h -> view(h, existing(h, env, userId, id, false), now));
    }

    // ---------------------------------------------------------------- creating and deleting

    public View create(String env, String userId, JsonNode body) {
        Validation v = new Validation();
        ObjectNode b = CREATE.read(body, v);
        DeviceType type = type(b, v);
        String email = null;
        String phone = null;
        if (type == DeviceType.EMAIL) email = email(body, b, v);
        if (type != null && type.usesPhone()) phone = phone(body, b, v);
        // Shape has reported a status outside the enum already (and kept the value): read only a valid one.
        DeviceStatus asked = b.has("status")
                ? Arrays.stream(DeviceStatus.values())
                        .filter(st -> st.name().equals(b.get("status").asText()))
                        .findFirst()
                        .orElse(null)
                : null;
        if (type == DeviceType.TOTP && asked == DeviceStatus.ACTIVE) {
            v.add(ErrorDetail.invalid(
                    "status",
                    "A TOTP device starts as ACTIVATION_REQUIRED: it is activated with a first code from the"
                            + " authenticator app."));
        }
        if (type == DeviceType.FIDO2 && asked == DeviceStatus.ACTIVE) {
            v.add(ErrorDetail.invalid(
                    "status",
                    "A FIDO2 device starts as ACTIVATION_REQUIRED: it is activated with the attestation of"
                            + " navigator.credentials.create()."));
        }
        String policyId = b.has("policy") ? b.get("policy").get("id").asText() : null;
        if (policyId != null && v.ok() && !policies.policyExists(env, policyId)) {
            v.add(ErrorDetail.invalid("policy.id", "No MFA policy with ID '" + policyId + "' exists."));
        }
        if (type == DeviceType.FIDO2 && v.ok()) fido2.checkRp(env, policyId, b, v);
        v.throwIfAny();
        String rpName = b.path("rp").path("name").asText(null);
        String nickname = b.has("nickname") ? b.get("nickname").asText() : null;

        long now = System.currentTimeMillis();
        String id = Ids.newId();
        DeviceStatus status =
                type.alwaysPaired() ? DeviceStatus.ACTIVATION_REQUIRED : asked != null ? asked : DeviceStatus.ACTIVE;
        String secretEnc = null;
        String code = null;
        String codeHash = null;
        Long expiresAt = null;
        if (type == DeviceType.TOTP) {
            secretEnc = box.encrypt(Base64.getEncoder().encodeToString(Totp.newSecret()));
            expiresAt = now + TOTP_PAIRING.toMillis();
        } else if (type == DeviceType.FIDO2) {
            expiresAt = now + TOTP_PAIRING.toMillis();
        } else if (status == DeviceStatus.ACTIVATION_REQUIRED) {
            DevicePolicyValues.SentCode rules = policies.sentCode(env, policyId, type);
            code = OneTimeCodes.newCode(rules.length());
            codeHash = OneTimeCodes.hash(id, code);
            expiresAt = now + rules.lifetime().toMillis();
        }
        Device device = new Device(
                id,
                env,
                userId,
                type,
                status,
                nickname,
                email,
                phone,
                policyId,
                secretEnc,
                null,
                codeHash,
                expiresAt,
                0,
                null,
                null,
                now,
                now,
                status == DeviceStatus.ACTIVE ? now : null,
                null);
        View created = db.inTransaction(h -> {
            if (store.lockUser(h, env, userId).isEmpty()) throw userNotFound(userId);
            int max = policies.maxAllowedDevices(env);
            if (store.count(h, env, userId) >= max) throw tooManyDevices(max);
            Device inserted = type == DeviceType.FIDO2
                    ? device.withFido2(fido2.pending(h, env, userId, policyId, rpName), now)
                    : device;
            store.insert(h, inserted);
            return view(h, inserted, now);
        });
        if (code != null) deliver(device, code);
        return created;
    }

    public void delete(String env, String userId, String id) {
        db.useTransaction(h -> {
            requireUser(h, env, userId);
            if (!store.delete(h, env, userId, id)) throw deviceNotFound(id);
        });
    }

    public View setNickname(String env, String userId, String id, JsonNode body) {
        String nickname = NICKNAME.read(body).get("nickname").asText();
        long now = System.currentTimeMillis();
        return db.inTransaction(h -> {
            Device d = existing(h, env, userId, id, true).withNickname(nickname, now);
            store.update(h, d);
            return view(h, d, now);
        });
    }

    // ---------------------------------------------------------------- activation

    /** What a code attempt did; a refusal is thrown after its count has been committed. */
    private sealed interface Attempt {
        record Activated(View view) implements Attempt {}

        record Refused(ApiException error) implements Attempt {}
    }

    /**
     * Activates a device with its first code. A wrong code counts; at the policy's failure count the device is locked
     * for the cool-down and a sent code stops working (a new one must be sent). Expired codes and codes tried while
     * locked are refused without counting.
     */
    public View activate(String env, String userId, String id, JsonNode body) {
        long now = System.currentTimeMillis();
        Device found = db.withHandle(h -> existing(h, env, userId, id, false));
        if (found.type() == DeviceType.FIDO2) {
            return db.inTransaction(h -> {
                Device d = existing(h, env, userId, id, true);
                if (d.status() == DeviceStatus.ACTIVE) throw alreadyActive(id);
                return view(h, fido2.activate(h, d, body, now), now);
            });
        }
        String otp = ACTIVATE.read(body).get("otp").asText();
        Attempt attempt = db.inTransaction(h -> {
            Device d = existing(h, env, userId, id, true);
            if (d.status() == DeviceStatus.ACTIVE) throw alreadyActive(id);
            if (d.lockedAt(now)) return new Attempt.Refused(DeviceErrors.locked(d.lockedUntil(), now));
            if (d.otpExpiresAt() == null || d.otpExpiresAt() <= now || d.type().receivesCodes() && d.otpHash() == null)
                return new Attempt.Refused(DeviceErrors.noPendingCode(d.type()));
            Long step = null;
            boolean right;
            if (d.type() == DeviceType.TOTP) {
                DevicePolicyValues.Totp rules = policies.totp(env, d.policyId());
                OptionalLong matched = Totp.match(secret(d), otp, now, rules.passcodeGracePeriod(), d.lastTotpStep());
                right = matched.isPresent();
                if (right) step = matched.getAsLong();
            } else {
                right = OneTimeCodes.matches(d.id(), otp, d.otpHash());
            }
            if (right) {
                Device active = d.activated(step, now);
                store.update(h, active);
                return new Attempt.Activated(view(h, active, now));
            }
            return new Attempt.Refused(countFailure(h, d, now));
        });
        return switch (attempt) {
            case Attempt.Activated a -> a.view();
            case Attempt.Refused r -> throw r.error();
        };
    }

    private ApiException countFailure(Handle h, Device d, long now) {
        int limit;
        Duration coolDown;
        if (d.type() == DeviceType.TOTP) {
            DevicePolicyValues.Totp rules = policies.totp(d.environmentId(), d.policyId());
            limit = rules.failureCount();
            coolDown = rules.coolDown();
        } else {
            DevicePolicyValues.SentCode rules = policies.sentCode(d.environmentId(), d.policyId(), d.type());
            limit = rules.failureCount();
            coolDown = rules.coolDown();
        }
        int failures = d.failedCount() + 1;
        if (failures < limit) {
            store.update(h, d.withFailures(failures, null, d.otpHash(), now));
            return DeviceErrors.wrongCode(limit - failures, null);
        }
        Long until = coolDown.isZero() ? null : now + coolDown.toMillis();
        // The limit reached: the count starts again, the device waits out the cool-down, a sent code is spent.
        store.update(h, d.withFailures(0, until, d.type().receivesCodes() ? null : d.otpHash(), now));
        return DeviceErrors.wrongCode(0, until == null ? null : DeviceErrors.secondsUntil(until, now));
    }

    /** Sends a new activation code to an EMAIL, SMS or VOICE device waiting for activation. */
    public void sendActivationCode(String env, String userId, String id) {
        long now = System.currentTimeMillis();
        record Sent(Device device, String code) {}
        Sent sent = db.inTransaction(h -> {
            Device d = existing(h, env, userId, id, true);
            if (d.status() == DeviceStatus.ACTIVE) throw alreadyActive(id);
            if (!d.type().receivesCodes()) {
                throw ApiException.invalidRequest("A " + d.type() + " device has no code to send: it is activated"
                        + (d.type() == DeviceType.TOTP
                                ? " with a code from the authenticator app."
                                : " with the attestation of navigator.credentials.create().")
                        + " When the pairing has expired, delete the device and create it again.");
            }
            if (d.lockedAt(now)) throw DeviceErrors.locked(d.lockedUntil(), now);
            DevicePolicyValues.SentCode rules = policies.sentCode(env, d.policyId(), d.type());
            String code = OneTimeCodes.newCode(rules.length());
            Device renewed = d.withCode(
                    OneTimeCodes.hash(d.id(), code), now + rules.lifetime().toMillis(), now);
            store.update(h, renewed);
            return new Sent(renewed, code);
        });
        deliver(sent.device(), sent.code());
    }

    // ---------------------------------------------------------------- order

    /**
     * Sets the order of the user's active devices: the listed ones first, in the given order (the first is the
     * default device); the others follow in their default order (by activation).
     */
    public List<View> reorder(String env, String userId, JsonNode body) {
        ObjectNode b = REORDER.read(body);
        List<String> ids = new ArrayList<>();
        b.get("order").forEach(item -> ids.add(item.get("id").asText()));
        long now = System.currentTimeMillis();
        db.useTransaction(h -> {
            if (store.lockUser(h, env, userId).isEmpty()) throw userNotFound(userId);
            Map<String, Device> devices = new LinkedHashMap<>();
            for (Device d : store.list(h, env, userId)) devices.put(d.id(), d);
            Validation v = new Validation();
            Set<String> seen = new HashSet<>();
            for (int i = 0; i < ids.size(); i++) {
                String target = "order[" + i + "].id";
                Device d = devices.get(ids.get(i));
                if (d == null) {
                    v.add(ErrorDetail.invalid(target, "The user has no device with ID '" + ids.get(i) + "'."));
                } else if (d.status() != DeviceStatus.ACTIVE) {
                    v.add(ErrorDetail.invalid(
                            target,
                            "Only ACTIVE devices have an order; device '" + d.id() + "' is " + d.status() + "."));
                } else if (!seen.add(d.id())) {
                    v.add(ErrorDetail.invalid(target, "Device '" + d.id() + "' is listed more than once."));
                }
            }
            v.throwIfAny();
            store.setOrder(h, env, userId, ids, now);
        });
        return list(env, userId);
    }

    /** Removes an explicit order: the devices go back to their default order (by activation). */
    public void clearOrder(String env, String userId) {
        long now = System.currentTimeMillis();
        db.useTransaction(h -> {
            if (store.lockUser(h, env, userId).isEmpty()) throw userNotFound(userId);
            store.clearOrder(h, env, userId, now);
        });
    }

    // ---------------------------------------------------------------- helpers

    private void deliver(Device d, String code) {
        if (d.type() == DeviceType.EMAIL) {
            notifier.send(d.environmentId(), d.userId(), d.email(), ACTIVATION_PURPOSE, code);
        } else {
            notifier.sendToPhone(
                    d.environmentId(), d.userId(), d.phone(), d.type().name(), ACTIVATION_PURPOSE, code);
        }
    }

    private View view(Handle h, Device d, long now) {
        boolean pairing = d.type() == DeviceType.TOTP
                && d.status() == DeviceStatus.ACTIVATION_REQUIRED
                && d.otpExpiresAt() != null
                && d.otpExpiresAt() > now;
        if (!pairing) return new View(d, null, null, Fido2Pairing.openOptions(d, now), now);
        String secret = Totp.base32(secret(d));
        DevicePolicyValues.Totp rules = policies.totp(d.environmentId(), d.policyId());
        String issuer = rules.uriParameters().get("issuer");
        if (issuer == null || issuer.isBlank())
            issuer = store.environmentName(h, d.environmentId()).orElse("Latchkey");
        String account = store.username(h, d.environmentId(), d.userId()).orElse(d.userId());
        return new View(d, secret, Totp.keyUri(issuer, account, secret, rules.uriParameters()), null, now);
    }

    private byte[] secret(Device d) {
        return Base64.getDecoder().decode(box.decrypt(d.secretEnc()));
    }

    private static DeviceType type(ObjectNode b, Validation v) {
        if (!b.has("type")) return null;
        String given = b.get("type").asText();
        if (DeviceType.names().contains(given)) return DeviceType.valueOf(given);
        if (DeviceType.NOT_YET.contains(given)) {
            v.add(new ErrorDetail(
                    "INVALID_VALUE",
                    "type",
                    "Latchkey does not support devices of type " + given + " yet; the supported types are "
                            + String.join(", ", DeviceType.names()) + ".",
                    Map.of("allowedValues", DeviceType.names())));
        } else {
            v.add(new ErrorDetail(
                    "INVALID_VALUE",
                    "type",
                    "'type' must be one of " + String.join(", ", DeviceType.names()) + ".",
                    Map.of("allowedValues", DeviceType.names())));
        }
        return null;
    }

    private static String email(JsonNode body, ObjectNode b, Validation v) {
        if (!b.has("email")) {
            if (!body.hasNonNull("email")) v.add(ErrorDetail.required("email")); // else Shape has said what is wrong
            return null;
        }
        String email = b.get("email").asText().trim();
        if (!email.matches("^[^@\\s]+@[^@\\s]+\\.[^@\\s]+$")) {
            v.add(ErrorDetail.invalid("email", "'email' must be a valid email address."));
            return null;
        }
        return email;
    }

    private static String phone(JsonNode body, ObjectNode b, Validation v) {
        if (!b.has("phone")) {
            if (!body.hasNonNull("phone")) v.add(ErrorDetail.required("phone")); // else Shape has said what is wrong
            return null;
        }
        return PhoneNumbers.normalise(b.get("phone").asText()).orElseGet(() -> {
            v.add(ErrorDetail.invalid(
                    "phone",
                    "'phone' must be an international phone number: '+', the country code and the number, such as"
                            + " +15125551234 (spaces, dots, dashes and parentheses may separate the digits)."));
            return null;
        });
    }

    private void requireUser(Handle h, String env, String userId) {
        if (store.username(h, env, userId).isEmpty()) throw userNotFound(userId);
    }

    private Device existing(Handle h, String env, String userId, String id, boolean forUpdate) {
        requireUser(h, env, userId);
        return store.find(h, env, userId, id, forUpdate).orElseThrow(() -> deviceNotFound(id));
    }

    private static ApiException userNotFound(String userId) {
        return ApiException.notFound("User", userId);
    }

    private static ApiException deviceNotFound(String id) {
        return ApiException.notFound("Device", id);
    }

    private static ApiException alreadyActive(String id) {
        return ApiException.invalidRequest("The device '" + id + "' is already ACTIVE: it needs no activation.");
    }

    /** PingOne's answer when the user has {@code mfaSettings.pairing.maxAllowedDevices} devices already. */
    private static ApiException tooManyDevices(int max) {
        return new ApiException(
                400,
                "REQUEST_FAILED",
                "The request could not be completed. There was an issue processing the request.",
                List.of(new ErrorDetail(
                        "LIMIT_EXCEEDED",
                        null,
                        "Maximum allowed devices has been reached",
                        Map.of("maximumAllowed", max))));
    }
}
