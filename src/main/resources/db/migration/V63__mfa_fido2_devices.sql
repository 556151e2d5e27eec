-- FIDO2 devices (passkeys and security keys) in mfa_devices. While ACTIVATION_REQUIRED: the options given to
-- navigator.credentials.create() (they hold the challenge the attestation must sign; otp_expires_at ends the
-- pairing). Once ACTIVE: the credential (WebAuthn attested credential data: AAGUID, credential ID and COSE public
-- key, base64url), its ID again for look-ups and excludeCredentials, the authenticator's signature counter, whether
-- it may be backed up (synced passkey), its attachment (platform or cross-platform) and the relying party it is for.
alter table mfa_devices add column fido2_options varchar(4096);
alter table mfa_devices add column fido2_credential_id varchar(1400);
alter table mfa_devices add column fido2_credential varchar(4096);
alter table mfa_devices add column fido2_sign_count bigint;
alter table mfa_devices add column fido2_backup_eligible boolean;
alter table mfa_devices add column fido2_attachment varchar(16);
alter table mfa_devices add column fido2_rp_id varchar(253);
