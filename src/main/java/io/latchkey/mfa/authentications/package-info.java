/**
 * PingOne's MFA-only API, {@code /{envId}/deviceAuthentications}: a second factor for a user a server already knows,
 * without a sign-on flow. The devices' rules (which may answer, sending and checking passcodes, counting and locking)
 * are the sign-on's, through {@link io.latchkey.flows.MultiFactor}; this package keeps the transaction.
 */
package io.latchkey.mfa.authentications;
