/**
 * MFA policies of an environment: device authentication policies ({@code /deviceAuthenticationPolicies}, "MFA
 * policies" in PingOne's console) and FIDO2 policies ({@code /fido2Policies}), each kind with exactly one default.
 */
package io.latchkey.mfa.policies;
