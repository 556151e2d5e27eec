package io.latchkey.flows;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/** A step a client posts to a flow; chosen by the request's Content-Type, offered as the {@code _links} rel. */
public enum FlowAction {
    USERNAME_PASSWORD_CHECK("usernamePassword.check"),
    SESSION_RESET("session.reset"),
    PASSWORD_FORGOT("password.forgot"),
    PASSWORD_RECOVER("password.recover"),
    PASSWORD_SEND_RECOVERY_CODE("password.sendRecoveryCode"),
    PASSWORD_RESET("password.reset"),
    USER_REGISTER("user.register"),
    DEVICE_AUTH_GRANT_USER_CODE_VERIFY("deviceAuthGrant.userCode.verify"),
    DEVICE_AUTH_GRANT_CONSENT("deviceAuthGrant.consent"),
    DEVICE_SELECT("device.select"),
    OTP_CHECK("otp.check"),
    ASSERTION_CHECK("assertion.check");

    private final String rel;

    FlowAction(String rel) {
        this.rel = rel;
    }

    /** The {@code _links} relation, e.g. {@code usernamePassword.check}. */
    public String rel() {
        return rel;
    }

    /** {@code application/vnd.pingidentity.<rel>+json}. */
    public String contentType() {
        return "application/vnd.pingidentity." + rel + "+json";
    }

    /** The action a Content-Type asks for (the {@code +json} suffix is optional, as PingOne sends some without it). */
    public static Optional<FlowAction> forContentType(String contentType) {
        if (contentType == null) return Optional.empty();
        String ct = contentType.toLowerCase(Locale.ROOT);
        return Arrays.stream(values())
                .filter(a -> ct.equals(a.contentType().toLowerCase(Locale.ROOT))
                        || ct.equals(("application/vnd.pingidentity." + a.rel).toLowerCase(Locale.ROOT)))
                .findFirst();
    }
}
