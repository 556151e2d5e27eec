-- Sign-on state: flows, browser sessions, authorization codes, refresh tokens, revoked access tokens.
-- All of it lives here (not in memory) so that any process can serve any step. Bearer values (flow cookie,
-- session cookie, codes, refresh tokens) are stored only as SHA-256 hashes.

create table signon_sessions (
    id              varchar(36) primary key,              -- the "sid" claim; not a secret
    environment_id  varchar(36) not null references environments (id) on delete cascade,
    token_hash      varchar(64) not null unique,          -- hash of the ST cookie
    user_id         varchar(36) not null,
    amr             varchar(256) not null,
    auth_time       bigint not null,
    created_at      bigint not null,
    last_used_at    bigint not null,
    expires_at      bigint not null,
    ended_at        bigint
);
create index signon_sessions_user on signon_sessions (environment_id, user_id);

create table flows (
    id              varchar(36) primary key,
    environment_id  varchar(36) not null references environments (id) on delete cascade,
    application_id  varchar(36) not null references applications (id) on delete cascade,
    browser_hash    varchar(64) not null,                 -- hash of the flow cookie of the browser that started it
    status          varchar(64) not null,
    request         text not null,                        -- the validated authorize request (JSON)
    user_id         varchar(36),
    session_id      varchar(36),
    data            text not null,                        -- step data: recovery user, ... (JSON)
    created_at      bigint not null,
    updated_at      bigint not null,
    expires_at      bigint not null
);
create index flows_expiry on flows (expires_at);

create table authorization_codes (
    code_hash       varchar(64) primary key,
    environment_id  varchar(36) not null references environments (id) on delete cascade,
    application_id  varchar(36) not null references applications (id) on delete cascade,
    grant_id        varchar(36) not null,                 -- the token family every token issued from it belongs to
    user_id         varchar(36) not null,
    session_id      varchar(36),
    request         text not null,                        -- redirect_uri, scopes, nonce, PKCE challenge (JSON)
    auth_time       bigint not null,
    amr             varchar(256) not null,
    created_at      bigint not null,
    expires_at      bigint not null,
    used_at         bigint
);

create table refresh_tokens (
    token_hash      varchar(64) primary key,
    environment_id  varchar(36) not null references environments (id) on delete cascade,
    application_id  varchar(36) not null references applications (id) on delete cascade,
    grant_id        varchar(36) not null,
    user_id         varchar(36) not null,
    session_id      varchar(36),
    scopes          text not null,
    auth_time       bigint not null,
    amr             varchar(256) not null,
    created_at      bigint not null,
    expires_at      bigint not null,
    family_expires_at bigint,                             -- rolling limit of the whole family (refreshTokenRollingDuration)
    used_at         bigint,
    revoked_at      bigint
);
create index refresh_tokens_grant on refresh_tokens (grant_id);

-- Access tokens are JWTs; those revoked before they expire are listed here (by jti or by whole grant family).
create table revoked_tokens (
    id              varchar(64) primary key,              -- a jti, or a grant id
    environment_id  varchar(36) not null references environments (id) on delete cascade,
    expires_at      bigint not null
);

-- Client assertion ids already seen (replay protection for private_key_jwt / client_secret_jwt).
create table used_client_assertions (
    jti_hash        varchar(64) primary key,
    environment_id  varchar(36) not null references environments (id) on delete cascade,
    expires_at      bigint not null
);

-- Which grant family a user access token belongs to (so that revoking the family revokes it too).
create table access_token_grants (
    jti             varchar(36) primary key,
    environment_id  varchar(36) not null references environments (id) on delete cascade,
    grant_id        varchar(36) not null,
    expires_at      bigint not null
);
