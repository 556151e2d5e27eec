/**
 * Users' MFA devices ({@code /v1/environments/{envId}/users/{userId}/devices}): EMAIL, SMS, VOICE and TOTP devices,
 * their activation with a one-time code, their order and nicknames. TOTP secrets are sealed with the master key,
 * activation codes stored as hashes; codes reach users through {@code notify}. Policy values (code lifetime,
 * failure count, cool-down, TOTP window, issuer, devices per user) come through {@link
 * io.latchkey.mfa.devices.DevicePolicyValues}.
 */
package io.latchkey.mfa.devices;
