/** An environment's MFA settings ({@code /mfaSettings}): device pairing limits, MFA lockout, new users' MFA. */
package io.latchkey.mfa.settings;
