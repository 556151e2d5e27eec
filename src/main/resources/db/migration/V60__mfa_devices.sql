-- Users' MFA devices (/users/{userId}/devices): EMAIL, SMS, VOICE and TOTP. The number is 59, not 58, to stay clear
-- of the MFA policies migration on another branch. Deleting the user (or the environment) deletes its devices.
create table mfa_devices (
    id                  varchar(36) primary key,
    environment_id      varchar(36) not null references environments (id) on delete cascade,
    user_id             varchar(36) not null references users (id) on delete cascade,
    type                varchar(16) not null,                -- EMAIL, SMS, VOICE, TOTP
    status              varchar(24) not null,                -- ACTIVATION_REQUIRED, ACTIVE
    nickname            varchar(256),
    email               varchar(320),                        -- EMAIL
    phone               varchar(16),                         -- SMS, VOICE: +<country code><number>
    policy_id           varchar(36),                         -- the MFA policy named at creation, if any
    -- TOTP: the shared secret, sealed with the master key (crypto.SecretBox), and the last accepted time step, so
    -- that a code is accepted once.
    secret_enc          varchar(512),
    last_totp_step      bigint,
    -- EMAIL, SMS, VOICE while ACTIVATION_REQUIRED: the activation code, hashed, and when it stops working. TOTP:
    -- otp_expires_at is the end of the pairing window.
    otp_hash            varchar(64),
    otp_expires_at      bigint,
    failed_count        integer not null,                    -- wrong codes since the last success or lock
    locked_until        bigint,                              -- set after failure.count wrong codes, for the cool-down
    position            integer,                             -- explicit order (devices.reorder); null: by activation
    created_at          bigint not null,
    updated_at          bigint not null,
    activated_at        bigint
);

create index mfa_devices_user on mfa_devices (environment_id, user_id);
