-- The device authorization grant (RFC 8628): one row per /as/device_authorization answer. The device code and the
-- user code are stored as hashes only. The row is PENDING until the user approves or denies it on the verification
-- page (then it carries the user and the sign-on the tokens describe), and is spent (used_at) by the token request
-- that gets its tokens. The number is 57, not 56, to stay clear of a V56 on another branch.
create table device_authorizations (
    id               varchar(36) primary key,
    environment_id   varchar(36) not null references environments (id) on delete cascade,
    application_id   varchar(36) not null references applications (id) on delete cascade,
    device_code_hash varchar(64) not null unique,
    user_code_hash   varchar(64) not null,
    scopes           text not null,
    status           varchar(16) not null,                 -- PENDING, APPROVED, DENIED
    interval_seconds integer not null,                     -- raised by 5 at every slow_down (RFC 8628 §3.5)
    last_polled_at   bigint,
    grant_id         varchar(36) not null,                 -- the token family the tokens it gives belong to
    user_id          varchar(36),
    session_id       varchar(36),
    auth_time        bigint,
    acr              varchar(256),
    amr              varchar(256),
    created_at       bigint not null,
    expires_at       bigint not null,
    decided_at       bigint,
    used_at          bigint
);

create unique index device_authorizations_user_code on device_authorizations (environment_id, user_code_hash);
create index device_authorizations_expiry on device_authorizations (expires_at);
