package io.latchkey.flows;

import io.latchkey.http.ApiException;
import io.latchkey.http.ErrorDetail;
import java.util.List;
import java.util.Map;

/** The errors a flow answers with (PingOne's body; detail codes as Ping's own sign-on sample reads them). */
final class FlowErrors {
    private FlowErrors() {}

    /**
     * Same answer for an unknown user, a wrong password and a user without password: nothing to enumerate. So no
     * count of the attempts left either (an unknown user has none to count); PingOne's sample shows none.
     */
    static ApiException invalidCredentials() {
        return ApiException.invalidData(new ErrorDetail(
                "INVALID_CREDENTIALS", "password", "The username or password you entered is incorrect."));
    }

    static ApiException lockedOut(long secondsUntilUnlock) {
        return ApiException.invalidData(new ErrorDetail(
                "PASSWORD_LOCKED_OUT",
                "password",
                "The account is locked after too many failed attempts. Try again later.",
                Map.of("secondsUntilUnlock", secondsUntilUnlock)));
    }

    static ApiException accountNotUsable() {
        return ApiException.invalidData(
                new ErrorDetail("ACCOUNT_NOT_USABLE", "username", "The account cannot be used to sign on."));
    }

    static ApiException unknownFlow(String id) {
        return new ApiException(404, "NOT_FOUND", "The flow '" + id + "' does not exist or has expired.", List.of());
    }

    /**
     * A flow called without the cookie of the browser that started it (or with another browser's). PingOne's status
     * and codes; the message says what happened and what to do, rather than blaming a token the caller never sent.
     */
    static ApiException notThisBrowser() {
        String said = "The flow belongs to another browser: continue it in the browser that started it, or start"
                + " a new sign-on from this one.";
        return new ApiException(
                401,
                "ACCESS_FAILED",
                "The request could not be completed. " + said,
                List.of(new ErrorDetail("INVALID_TOKEN", "Authentication Credentials", said)));
    }

    /** A step the flow does not take now: the answer names the steps it does take (its {@code _links}). */
    static ApiException notAccepted(String contentType, FlowStatus status, List<FlowAction> offered) {
        return ApiException.unsupportedMediaType(
                contentType,
                "the flow in status " + status,
                offered.stream().map(FlowAction::contentType).toList());
    }

    /** The same answer for an unknown, expired, used code and a code of another application: nothing to probe. */
    static ApiException wrongUserCode() {
        return ApiException.invalidData(
                ErrorDetail.invalid("userCode", "The user code is invalid, has expired or was already used."));
    }

    /** The device authorization of a flow at consent expired or was decided (in another flow) meanwhile. */
    static ApiException deviceAuthorizationGone() {
        return ApiException.invalidRequest(
                "The device authorization has expired or was already decided. Start again from the device.");
    }

    static ApiException concurrentStep() {
        return new ApiException(
                409, "REQUEST_FAILED", "The flow was changed by another request; read it and retry.", List.of());
    }
}
