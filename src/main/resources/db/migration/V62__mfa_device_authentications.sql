-- MFA-only transactions (POST /{envId}/deviceAuthentications): one user, one MFA policy, the devices offered (as
-- shown, masked, JSON) and the one selected, until COMPLETED or FAILED. In the database so that any process serves any
-- step. V62, not V61: V61 is taken by the FIDO2 work on another branch. Deleting the user or the environment deletes
-- its transactions; housekeeping deletes them a day after expires_at.
create table mfa_device_authentications (
    id                  varchar(36) primary key,
    environment_id      varchar(36) not null references environments (id) on delete cascade,
    user_id             varchar(36) not null references users (id) on delete cascade,
    policy_id           varchar(36),                         -- the MFA policy that runs it (null once FAILED early)
    status              varchar(32) not null,                -- DEVICE_SELECTION_REQUIRED, OTP_REQUIRED, COMPLETED, FAILED
    devices             varchar(8000) not null,              -- [{"id", "type", "masked"?}], in the user's order
    selected_device_id  varchar(36),
    error_code          varchar(64),                         -- FAILED: why
    error_message       varchar(512),
    version             integer not null,                    -- +1 per step: updates are conditional on it
    created_at          bigint not null,
    updated_at          bigint not null,
    expires_at          bigint not null
);

create index mfa_device_authentications_user on mfa_device_authentications (user_id);
create index mfa_device_authentications_expiry on mfa_device_authentications (expires_at);
